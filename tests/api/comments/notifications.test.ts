import request from 'supertest';
import { mailLinkKey, signMailToken } from '../../../src/core/notifications';
import { clearExpiredPersonalData } from '../../../src/strapi/comments/retention';
import { sendDigestIfDue } from '../../../src/strapi/notifications/digest';
import { ADDRESSES_TABLE, OUTBOX_TABLE, SCHEDULE_TABLE, SUBSCRIPTIONS_TABLE } from '../../../src/strapi/notifications/models';
import { createUserJwt, loginAsAdminWith, loginAsSuperAdmin } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { startSecondInstance } from '../../helpers/instances';
import { startTestSmtp, type ReceivedMail, type TestSmtp } from '../../helpers/smtp';
import { TEST_SECRETS, type TestApp } from '../../helpers/strapi';
import { toDate } from '../../../src/strapi/database/values';
import { bootCommentsApp, COMMENT, commentRow, graphqlAs, nextIp, publishedArticle, storedComment, uniqueEmail, useRules } from './support';

const PUBLIC_URL = 'https://api.colophon.test';

describe('notifications: the moderators’ digest and reply mails, through a real SMTP server', () => {
  let app: TestApp;
  let smtp: TestSmtp;
  let article: string;
  let admin: string;
  let siteName: string;

  const post = (data: Record<string, unknown>, options: { jwt?: string; ip?: string } = {}) => {
    const call = request(app.server).post('/api/comments').set('X-Forwarded-For', options.ip ?? nextIp());
    return (options.jwt ? call.set('Authorization', `Bearer ${options.jwt}`) : call).send({ data });
  };
  /** A mail link as the reader's browser or mail client follows it, on this server. */
  const linkPath = (url: string) => {
    expect(url.startsWith(`${PUBLIC_URL}/api/comment-notifications/`)).toBe(true);
    return url.slice(PUBLIC_URL.length);
  };
  const linkIn = (mail: ReceivedMail, kind: 'confirm' | 'unsubscribe') => {
    const match = mail.text.match(new RegExp(`${PUBLIC_URL.replace(/\./g, '\\.')}/api/comment-notifications/${kind}\\?token=[\\w-]+`));
    if (!match) throw new Error(`no ${kind} link in: ${mail.text}`);
    return match[0];
  };
  const confirmationsTo = (email: string) => smtp.to(email).filter((mail) => /Confirmez votre adresse/.test(mail.subject));
  const confirmationTo = (email: string, nth = 1) => smtp.waitFor(() => confirmationsTo(email).length >= nth).then(() => confirmationsTo(email)[nth - 1]);
  const replyMailTo = (email: string, replier = '') =>
    smtp.waitFor((mail) => mail.envelopeTo.includes(email) && mail.subject.includes(`${replier} a répondu à votre commentaire`));
  const repliesTo = (email: string) => smtp.to(email).filter((mail) => /a répondu/.test(mail.subject));
  const outbox = (kind: string, documentId: string) => app.strapi.db.connection(OUTBOX_TABLE).where({ kind, comment_document_id: documentId }).first();
  const subscription = (documentId: string) => app.strapi.db.connection(SUBSCRIPTIONS_TABLE).where({ comment_document_id: documentId }).first();
  /**
   * Waits until the mail loop settled the outbox row of `kind` for `documentId` (sent, skipped),
   * or, with `orDeferred`, put it off to a later time without a failed attempt; answers which.
   */
  const settled = async (kind: string, documentId: string, orDeferred = false) => {
    for (let i = 0; i < 200; i += 1) {
      const row = await outbox(kind, documentId);
      if (row?.outcome) return row.outcome as string;
      if (orDeferred && row?.next_attempt_at && Number(row.attempts) === 0 && toDate(row.next_attempt_at)! > new Date()) return 'deferred';
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the ${kind} mail for ${documentId} was never settled`);
  };
  const approve = (documentId: string) => (app.strapi.documents(COMMENT as any) as any).update({ documentId, data: { commentStatus: 'approved' } });
  /** Follows a confirmation link as a reader does: the GET's page, then its button's POST. */
  const confirmFrom = async (mail: ReceivedMail) => {
    const path = linkPath(linkIn(mail, 'confirm'));
    const page = await request(app.server).get(path).set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('<form method="post">');
    return request(app.server).post(path).set('Accept', 'text/html').expect(200);
  };
  /** A reader asks for replies to a new comment, a moderator approves it, and the reader confirms from the mail. */
  const confirmedCommenter = async (name = 'Ana Lectrice') => {
    const email = uniqueEmail('ana');
    const parent = (await post({ article, authorName: name, authorEmail: email, body: 'Très bon papier.', notifyReplies: true }).expect(201)).body.data;
    await approve(parent.documentId);
    await confirmFrom(await confirmationTo(email));
    return { email, parent: parent.documentId as string };
  };
  /**
   * As if `minutes` had passed for the mail of `email`'s comments: the confirmations sent to it
   * and the retries and deferrals waiting for it move that far back, and the mail loop takes it from there.
   */
  const letMailTimePass = async (email: string, minutes: number) => {
    const back = (value: unknown) => new Date((toDate(value) ?? new Date()).getTime() - minutes * 60_000);
    const address = await app.strapi.db.connection(ADDRESSES_TABLE).where({ email }).first();
    if (address?.confirmation_sent_at) await app.strapi.db.connection(ADDRESSES_TABLE).where({ email }).update({ confirmation_sent_at: back(address.confirmation_sent_at) });
    const asks = await app.strapi.db.connection(SUBSCRIPTIONS_TABLE).where({ email }).pluck('comment_document_id');
    for (const row of await app.strapi.db.connection(OUTBOX_TABLE).whereIn('comment_document_id', asks.length ? asks : ['']).whereNotNull('next_attempt_at')) {
      await app.strapi.db.connection(OUTBOX_TABLE).where({ id: row.id }).update({ next_attempt_at: back(row.next_attempt_at) });
    }
    for (const row of await app.strapi.db.connection(OUTBOX_TABLE).whereIn('comment_document_id', asks.length ? asks : ['']).whereNotNull('done_at')) {
      await app.strapi.db.connection(OUTBOX_TABLE).where({ id: row.id }).update({ done_at: back(row.done_at) });
    }
  };

  const afterEachRestore: Array<() => void> = [];
  afterEach(() => afterEachRestore.splice(0).forEach((restore) => restore()));

  beforeAll(async () => {
    smtp = await startTestSmtp();
    app = await bootCommentsApp({ ...smtp.env, PUBLIC_URL, MAIL_POLL_MS: '100', COMMENT_NOTIFY_MINUTES: '15' });
    admin = await loginAsSuperAdmin(app);
    await loginAsAdminWith(app, [
      { action: 'plugin::content-manager.explorer.read', subject: COMMENT },
      { action: 'plugin::content-manager.explorer.update', subject: COMMENT },
    ]);
    await loginAsAdminWith(app, [{ action: 'plugin::content-manager.explorer.read', subject: COMMENT }]);
    // As Strapi's Author role holds it: update only what its holder created.
    await loginAsAdminWith(app, [{ action: 'plugin::content-manager.explorer.update', subject: COMMENT, conditions: ['admin::is-creator'] }]);
    siteName = (await newsroom(app).site()).name;
    article = (await publishedArticle(app, 'Réponses par courriel')).documentId;
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
  });

  describe('reply mails, after a double opt-in per comment', () => {
    it('asks for a confirmation once the comment is approved, mails nothing before, and the approved reply after', async () => {
      const email = uniqueEmail('optin');
      const parent = (await post({ article, authorName: 'Odile', authorEmail: email, body: 'Premier !', notifyReplies: true }).expect(201)).body.data;
      expect(parent).not.toHaveProperty('notifyReplies');
      expect(parent.commentStatus).toBe('pending');
      // Not approved yet: no mail to an address no one has vouched for.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await outbox('confirm', parent.documentId)).toBeUndefined();
      expect(smtp.to(email)).toHaveLength(0);

      await approve(parent.documentId);
      const confirmation = await confirmationTo(email);
      expect(confirmation.header('auto-submitted')).toBe('auto-generated');
      expect(confirmation.text).toContain('Réponses par courriel');
      // The token is sealed: the address is not readable in the link.
      expect(linkIn(confirmation, 'confirm')).not.toContain(Buffer.from(email).toString('base64url').slice(0, 12));

      // Not confirmed yet: the reply is approved, and nothing goes.
      const early = await storedComment(app, article, { parent: parent.documentId, authorName: 'Bruno' });
      expect(await settled('reply', early.documentId)).toBe('skipped');

      // A GET (a mail scanner's, say) changes nothing; the page's button does.
      const path = linkPath(linkIn(confirmation, 'confirm'));
      const page = await request(app.server).get(path).set('Accept', 'text/html').expect(200);
      expect(page.headers['cache-control']).toMatch(/no-store/);
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect((await subscription(parent.documentId)).confirmed_at).toBeNull();
      const confirmed = await request(app.server).post(path).set('Accept', 'text/html').expect(200);
      expect(confirmed.headers['content-type']).toMatch(/text\/html/);
      expect(confirmed.text).toContain('Votre adresse est confirmée');
      expect((await subscription(parent.documentId)).confirmed_at).not.toBeNull();

      const replierEmail = uniqueEmail('replier');
      const reply = await storedComment(app, article, {
        parent: parent.documentId,
        authorName: 'Bruno Répond',
        authorEmail: replierEmail,
        body: 'Je ne suis pas d’accord, écrivez-moi à bruno.perso@example.net.',
      });
      const mail = await replyMailTo(email, 'Bruno Répond');
      expect(mail.subject).toBe(`[${siteName}] Bruno Répond a répondu à votre commentaire`);
      expect(mail.text).toContain('Bruno Répond a répondu à votre commentaire sur « Réponses par courriel » :');
      expect(mail.text).toContain('Je ne suis pas d’accord, écrivez-moi à [email].');
      expect(mail.text).toContain('Premier !');
      expect(mail.html).toContain('<blockquote>');
      expect(mail.html).toContain('<html lang="fr">');
      expect(mail.text).toMatch(new RegExp(`https://example\\.org/\\S*#comment-${reply.documentId}`));
      // No other reader's address, not even one typed in a comment.
      expect(mail.raw).not.toContain(replierEmail);
      expect(mail.raw).not.toContain('bruno.perso@example.net');
      expect(mail.envelopeTo).toEqual([email]);
      expect(mail.parsed.cc).toBeUndefined();
      expect(mail.parsed.bcc).toBeUndefined();
      // RFC 8058: the one-click unsubscribe, sealed, on the public https URL.
      const unsubscribe = linkIn(mail, 'unsubscribe');
      expect(mail.header('list-unsubscribe')).toBe(`<${unsubscribe}>`);
      expect(mail.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(await settled('reply', reply.documentId)).toBe('sent');
    });

    it('takes the opt-in over GraphQL too, and writes in the article’s language', async () => {
      const english = (await newsroom(app).article('Replies by mail', { locale: 'en', published: true })).documentId;
      const email = uniqueEmail('graphql');
      const answer = await graphqlAs(app, 'mutation ($data: CommentInput!) { createComment(data: $data) { documentId } }', {
        data: { article: english, authorName: 'Gaëlle', authorEmail: email, body: 'By GraphQL.', notifyReplies: true },
      });
      expect(answer.body.errors).toBeUndefined();
      const documentId = answer.body.data.createComment.documentId;
      expect((await commentRow(app, documentId)).notifyReplies).toBe(true);
      await approve(documentId);
      const mail = await smtp.waitFor((received) => received.envelopeTo.includes(email));
      expect(mail.subject).toBe(`[${siteName}] Confirm your address for reply notifications`);
      expect(mail.text).toContain('when someone replies to your comment on “Replies by mail”');
      expect(mail.html).toContain('<html lang="en">');
    });

    it('does not let a confirmed address be subscribed to a comment someone else posted under it', async () => {
      const { email, parent } = await confirmedCommenter();
      // Someone who knows the address posts under it, asks for replies, and is approved.
      const impostor = (await post({ article, authorName: 'Pas Ana', authorEmail: email, body: 'Faux.', notifyReplies: true }).expect(201)).body.data;
      await approve(impostor.documentId);
      // Its confirmation waits an hour after Ana's, and until it is confirmed nothing goes.
      expect(await settled('confirm', impostor.documentId, true)).toBe('deferred');
      const reply = await storedComment(app, article, { parent: impostor.documentId, authorName: 'Piège' });
      expect(await settled('reply', reply.documentId)).toBe('skipped');
      expect(repliesTo(email)).toHaveLength(0);
      // Ana's own comment still gets hers.
      await storedComment(app, article, { parent, authorName: 'Vraie Réponse' });
      await replyMailTo(email, 'Vraie Réponse');
    });

    it('announces a reply a moderator approves later, once, however often it is approved again', async () => {
      const { email, parent } = await confirmedCommenter();
      const moderator = await createUserJwt(app, 'moderator');
      const reply = (await post({ article, parent, authorName: 'Nouveau', authorEmail: uniqueEmail('new'), body: 'Une première réponse.' }).expect(201)).body.data;
      expect(reply.commentStatus).toBe('pending');
      expect(await outbox('reply', reply.documentId)).toBeUndefined();
      const setStatus = (commentStatus: string) =>
        request(app.server).put(`/api/comments/${reply.documentId}`).set('Authorization', `Bearer ${moderator.jwt}`).send({ data: { commentStatus } }).expect(200);
      await setStatus('approved');
      await replyMailTo(email, 'Nouveau');
      expect(await settled('reply', reply.documentId)).toBe('sent');
      await setStatus('pending');
      await setStatus('approved');
      // Another reply approved after the re-approval: once its mail is in, the re-approval's would be too.
      await storedComment(app, article, { parent, authorName: 'Ensuite' });
      await replyMailTo(email, 'Ensuite');
      expect(repliesTo(email).map((mail) => mail.subject.includes('Nouveau'))).toEqual([true, false]);
    });

    it('queues nothing for a write that rolls back', async () => {
      const { email, parent } = await confirmedCommenter();
      const queued = async () => Number((await app.strapi.db.connection(OUTBOX_TABLE).count({ count: '*' }))[0].count);
      const before = await queued();
      await expect(
        app.strapi.db.transaction(async () => {
          await storedComment(app, article, { parent, authorName: 'Annulé' });
          throw new Error('rolled back');
        })
      ).rejects.toThrow('rolled back');
      expect(await queued()).toBe(before);
      await storedComment(app, article, { parent, authorName: 'Gardé' });
      await replyMailTo(email, 'Gardé');
      expect(repliesTo(email).map((mail) => mail.subject)).toEqual([`[${siteName}] Gardé a répondu à votre commentaire`]);
    });

    it('unsubscribes with RFC 8058’s one-click POST; a GET only asks', async () => {
      const { email, parent } = await confirmedCommenter();
      await storedComment(app, article, { parent, authorName: 'Premier' });
      const unsubscribe = linkPath(linkIn(await replyMailTo(email, 'Premier'), 'unsubscribe'));

      const asked = await request(app.server).get(unsubscribe).set('Accept', 'text/html').expect(200);
      expect(asked.text).toContain('<form method="post">');
      expect(asked.text).toContain('name="List-Unsubscribe" value="One-Click"');
      expect((await app.strapi.db.connection(ADDRESSES_TABLE).where({ email }).first()).unsubscribed_at).toBeNull();

      // What a mail client sends: a form POST with no cookie, no Accept.
      const done = await request(app.server).post(unsubscribe).type('form').send('List-Unsubscribe=One-Click').expect(200);
      expect(done.body).toEqual({ data: { outcome: 'unsubscribed' } });
      const second = await storedComment(app, article, { parent, authorName: 'Second' });
      expect(await settled('reply', second.documentId)).toBe('skipped');
      expect(repliesTo(email)).toHaveLength(1);
    });

    it('refuses an old confirmation link after a newer unsubscribe, and any forged, expired or misused token, changing nothing', async () => {
      const email = uniqueEmail('stale');
      const comment = (await post({ article, authorName: 'Hésitant', authorEmail: email, body: 'Peut-être.', notifyReplies: true }).expect(201)).body.data;
      await approve(comment.documentId);
      const stale = linkPath(linkIn(await confirmationTo(email), 'confirm'));
      await request(app.server)
        .post(`/api/comment-notifications/unsubscribe?token=${signMailToken(mailLinkKey(TEST_SECRETS.COMMENT_IP_SECRET), { purpose: 'unsubscribe', email })}`)
        .expect(200);
      const key = mailLinkKey(TEST_SECRETS.COMMENT_IP_SECRET);
      const confirmFor = (expiresAt: Date, signer = key) => signMailToken(signer, { purpose: 'confirm', email, commentDocumentId: comment.documentId, expiresAt });
      const unsubscribeToken = signMailToken(key, { purpose: 'unsubscribe', email });
      for (const [method, path] of [
        ['post', stale],
        ['post', `/api/comment-notifications/confirm?token=${confirmFor(new Date(Date.now() - 1000))}`],
        ['post', `/api/comment-notifications/confirm?token=${confirmFor(new Date(Date.now() + 60_000), mailLinkKey('another-secret'))}`],
        ['post', `/api/comment-notifications/confirm?token=${unsubscribeToken}`],
        ['post', `/api/comment-notifications/unsubscribe?token=${confirmFor(new Date(Date.now() + 60_000))}`],
        ['post', '/api/comment-notifications/unsubscribe'],
        ['get', '/api/comment-notifications/confirm?token=not-a-token'],
      ] as const) {
        const answer = await request(app.server)[method](path).set('Accept', 'application/json');
        expect({ path, status: answer.status }).toEqual({ path, status: 400 });
        expect(answer.body.error.details.errors[0].path).toEqual(['token']);
        expect(answer.headers['cache-control']).toMatch(/no-store/);
      }
      const page = await request(app.server).post(stale).set('Accept', 'text/html').expect(400);
      expect(page.text).toContain('Ce lien n’est pas valide');
      expect((await subscription(comment.documentId)).confirmed_at).toBeNull();
      expect((await app.strapi.db.connection(ADDRESSES_TABLE).where({ email }).first()).unsubscribed_at).not.toBeNull();
    });

    it('needs no confirmation mail from a signed-in reader whose account address is confirmed', async () => {
      const reader = await createUserJwt(app);
      const parent = await post({ article, authorName: 'Compte', body: 'Connecté.', notifyReplies: true }, { jwt: reader.jwt }).expect(201);
      await approve(parent.body.data.documentId);
      await storedComment(app, article, { parent: parent.body.data.documentId, authorName: 'Réponse' });
      await replyMailTo(reader.email, 'Réponse');
      expect(confirmationsTo(reader.email)).toHaveLength(0);
    });

    it('does not mail a commenter their own reply, and names an address-shaped name as [email]', async () => {
      const { email, parent } = await confirmedCommenter();
      const own = await storedComment(app, article, { parent, authorName: 'Ana', authorEmail: email.toUpperCase() });
      expect(await settled('reply', own.documentId)).toBe('skipped');
      await storedComment(app, article, { parent, authorName: 'someone@example.net' });
      const mail = await replyMailTo(email, '[email]');
      expect(mail.raw).not.toContain('someone@example.net');
      expect(repliesTo(email)).toHaveLength(1);
    });

    it('spaces confirmations to one address an hour apart, losing none, and asks nothing for spam', async () => {
      const email = uniqueEmail('twice');
      const comments = [];
      for (const body of ['Un.', 'Deux.']) comments.push((await post({ article, authorName: 'Deux fois', authorEmail: email, body, notifyReplies: true }).expect(201)).body.data);
      for (const comment of comments) await approve(comment.documentId);
      await confirmationTo(email);
      expect(await settled('confirm', comments[0].documentId)).toBe('sent');
      expect(await settled('confirm', comments[1].documentId, true)).toBe('deferred');
      expect(confirmationsTo(email)).toHaveLength(1);
      await letMailTimePass(email, 61);
      await confirmationTo(email, 2);
      expect(await settled('confirm', comments[1].documentId)).toBe('sent');

      const restore = useRules(app, { disallowedWords: ['casino'] });
      try {
        const answer = await post({ article, authorName: 'Bot', authorEmail: uniqueEmail('spam'), body: 'Best casino', notifyReplies: true }).expect(201);
        expect(answer.body.data.commentStatus).toBe('pending');
        expect(await subscription(answer.body.data.documentId)).toBeUndefined();
      } finally {
        restore();
      }
    });

    it('stops mailing confirmations to an address that leaves three unanswered', async () => {
      const email = uniqueEmail('ignored');
      const comments = [];
      for (let i = 0; i < 4; i += 1) comments.push((await post({ article, authorName: 'Quelqu’un', authorEmail: email, body: `Demande ${i}.`, notifyReplies: true }).expect(201)).body.data);
      for (const comment of comments) await approve(comment.documentId);
      for (let sent = 1; sent <= 3; sent += 1) {
        await confirmationTo(email, sent);
        await letMailTimePass(email, 61);
      }
      expect(await settled('confirm', comments[3].documentId)).toBe('skipped');
      expect(confirmationsTo(email)).toHaveLength(3);
    });

    it('keeps comments confirmed before an unsubscribe silent when a later one is confirmed', async () => {
      const reader = await createUserJwt(app);
      const ask = async (body: string) => {
        const comment = (await post({ article, authorName: 'Lectrice', body, notifyReplies: true }, { jwt: reader.jwt }).expect(201)).body.data;
        await approve(comment.documentId);
        return comment.documentId as string;
      };
      // One account posting twice: the flood rule would hold the second back 15 s.
      const restore = useRules(app, { floodIntervalSeconds: 0 });
      afterEachRestore.push(restore);
      const first = await ask('Avant.');
      await storedComment(app, article, { parent: first, authorName: 'Avant coupure' });
      const unsubscribe = linkPath(linkIn(await replyMailTo(reader.email, 'Avant coupure'), 'unsubscribe'));
      await request(app.server).post(unsubscribe).type('form').send('List-Unsubscribe=One-Click').expect(200);
      // Signed in with a confirmed account: this ask is confirmed at once, after the unsubscribe.
      const second = await ask('Après.');
      const silent = await storedComment(app, article, { parent: first, authorName: 'Sur la première' });
      expect(await settled('reply', silent.documentId)).toBe('skipped');
      await storedComment(app, article, { parent: second, authorName: 'Sur la seconde' });
      await replyMailTo(reader.email, 'Sur la seconde');
      expect(repliesTo(reader.email).map((mail) => mail.subject.replace(/ a répondu.*/, ''))).toEqual([`[${siteName}] Avant coupure`, `[${siteName}] Sur la seconde`]);
    });

    it('refuses a malformed notifyReplies, and one without an address, naming the field', async () => {
      const bad = await post({ article, authorName: 'X', authorEmail: uniqueEmail(), body: 'Texte.', notifyReplies: 'yes' }).expect(400);
      expect(bad.body.error.details.errors[0].path).toEqual(['notifyReplies']);
      const noAddress = await post({ article, authorName: 'X', body: 'Texte.', notifyReplies: true }).expect(400);
      expect(noAddress.body.error.details.errors[0].path).toEqual(['authorEmail']);
      const graph = await graphqlAs(app, 'mutation ($data: CommentInput!) { createComment(data: $data) { documentId } }', {
        data: { article, authorName: 'X', body: 'Texte.', notifyReplies: true },
      });
      expect(graph.body.errors[0].extensions.error.details.errors[0].path).toEqual(['authorEmail']);
    });

    it('tries again when the SMTP server refuses, and the retry gets through', async () => {
      const email = uniqueEmail('retry');
      const comment = (await post({ article, authorName: 'Patience', authorEmail: email, body: 'Encore.', notifyReplies: true }).expect(201)).body.data;
      smtp.refuseNext(1);
      await approve(comment.documentId);
      for (let i = 0; i < 100 && !Number((await outbox('confirm', comment.documentId))?.attempts); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
      const failed = await outbox('confirm', comment.documentId);
      expect(failed).toMatchObject({ attempts: 1, done_at: null });
      expect(failed.last_error).toMatch(/451/);
      expect(smtp.to(email)).toHaveLength(0);
      // The retry is due a minute later; the failed attempt did not count against the address's spacing.
      await letMailTimePass(email, 2);
      await confirmationTo(email);
      expect(await settled('confirm', comment.documentId)).toBe('sent');
    });

    it('exports an address’s mail state, and after an erasure forgets it and mails it nothing', async () => {
      const { email, parent } = await confirmedCommenter();
      const exported = await request(app.server).post('/colophon/personal-data/export').set('Authorization', `Bearer ${admin}`).send({ email }).expect(200);
      expect(exported.body.data.mailAddresses).toEqual([{ email, confirmationSentAt: expect.any(String), unsubscribedAt: null, createdAt: expect.any(String) }]);
      expect(exported.body.data.replySubscriptions).toEqual([{ commentDocumentId: parent, email, confirmedAt: expect.any(String), createdAt: expect.any(String) }]);
      expect(exported.body.data.comments[0].notifyReplies).toBe(true);
      await request(app.server).post('/colophon/personal-data/erase').set('Authorization', `Bearer ${admin}`).send({ email }).expect(200);
      expect(await app.strapi.db.connection(ADDRESSES_TABLE).where({ email }).first()).toBeUndefined();
      expect(await subscription(parent)).toBeUndefined();
      expect((await commentRow(app, parent)).notifyReplies).toBe(false);
      const reply = await storedComment(app, article, { parent, authorName: 'Trop tard' });
      expect(await settled('reply', reply.documentId)).toBe('skipped');
      expect(repliesTo(email)).toHaveLength(0);
    });

    it('exports and erases by account only the account’s own address, not one it typed', async () => {
      const reader = await createUserJwt(app);
      const { email: someoneElse } = await confirmedCommenter('Quelqu’un');
      await post({ article, authorName: 'Usurpateur', authorEmail: someoneElse, body: 'Sous une autre adresse.', notifyReplies: true }, { jwt: reader.jwt }).expect(201);
      const exported = await request(app.server).post('/colophon/personal-data/export').set('Authorization', `Bearer ${admin}`).send({ userId: reader.id }).expect(200);
      expect(JSON.stringify(exported.body.data.mailAddresses)).not.toContain(someoneElse);
      expect(JSON.stringify(exported.body.data.replySubscriptions)).not.toContain(someoneElse);
      await request(app.server).post('/colophon/personal-data/erase').set('Authorization', `Bearer ${admin}`).send({ userId: reader.id }).expect(200);
      expect(await app.strapi.db.connection(ADDRESSES_TABLE).where({ email: someoneElse }).first()).toBeDefined();
    });
  });

  describe('retention', () => {
    it('drops unconfirmed asks and idle addresses past COMMENT_PERSONAL_DATA_DAYS, keeps suppressions, and prunes sent mail', async () => {
      const days = (n: number) => new Date(Date.now() - n * 86_400_000);
      const addresses = () => app.strapi.db.connection(ADDRESSES_TABLE);
      await addresses().insert([
        { email: 'idle@example.org', created_at: days(200), confirmation_sent_at: days(95) },
        { email: 'never-mailed@example.org', created_at: days(95) },
        { email: 'mailed-again@example.org', created_at: days(200), confirmation_sent_at: days(2) },
        { email: 'suppressed@example.org', created_at: days(200), unsubscribed_at: days(150) },
      ]);
      await app.strapi.db.connection(SUBSCRIPTIONS_TABLE).insert([
        { comment_document_id: 'oldunconfirmedask0000000', email: 'idle@example.org', created_at: days(95) },
        { comment_document_id: 'oldconfirmedask000000000', email: 'mailed-again@example.org', created_at: days(200), confirmed_at: days(199) },
        { comment_document_id: 'newunconfirmedask0000000', email: 'mailed-again@example.org', created_at: days(2) },
        // Long in moderation: its confirmation went two days ago, and its link still works.
        { comment_document_id: 'oldaskwithlivelink000000', email: 'named@example.org', created_at: days(120) },
      ]);
      await addresses().insert({ email: 'named@example.org', created_at: days(120), confirmation_sent_at: days(2) });
      await app.strapi.db.connection(OUTBOX_TABLE).insert([
        { kind: 'reply', comment_document_id: 'oldsentreply000000000000', attempts: 0, outcome: 'sent', done_at: days(91), created_at: days(91) },
        { kind: 'reply', comment_document_id: 'newsentreply000000000000', attempts: 0, outcome: 'sent', done_at: days(89), created_at: days(89) },
        { kind: 'confirm', comment_document_id: 'oldaskwithlivelink000000', attempts: 0, outcome: 'sent', done_at: days(2), created_at: days(3) },
      ]);
      await clearExpiredPersonalData(app.strapi, 90);
      const left = (await addresses().whereIn('email', ['idle@example.org', 'never-mailed@example.org', 'mailed-again@example.org', 'suppressed@example.org']).pluck('email')).sort();
      expect(left).toEqual(['mailed-again@example.org', 'suppressed@example.org']);
      expect(await subscription('oldunconfirmedask0000000')).toBeUndefined();
      expect(await subscription('oldconfirmedask000000000')).toBeDefined();
      expect(await subscription('newunconfirmedask0000000')).toBeDefined();
      expect(await subscription('oldaskwithlivelink000000')).toBeDefined();
      expect(await addresses().where({ email: 'named@example.org' }).first()).toBeDefined();
      expect(await outbox('reply', 'oldsentreply000000000000')).toBeUndefined();
      expect(await outbox('reply', 'newsentreply000000000000')).toBeDefined();
    });
  });

  describe('the moderators’ digest', () => {
    const digests = () => smtp.messages.filter((mail) => /la modération/.test(mail.subject));
    const settings = () => app.strapi.config.get('colophon.comments.notifications') as any;
    /** Moves the last digest and every comment `minutes` back in time: as if that long had passed since. */
    const letTimePass = async (minutes: number) => {
      const ms = minutes * 60_000;
      const schedule = await app.strapi.db.connection(SCHEDULE_TABLE).where({ name: 'moderator-digest' }).first();
      if (schedule.last_sent_at !== null) await app.strapi.db.connection(SCHEDULE_TABLE).where({ name: 'moderator-digest' }).update({ last_sent_at: Number(schedule.last_sent_at) - ms });
      const table = app.strapi.db.metadata.get(COMMENT as any).tableName;
      for (const row of await app.strapi.db.connection(table).select('id', 'created_at', 'updated_at')) {
        const back = (value: unknown) => new Date(new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as any)).getTime() - ms);
        await app.strapi.db.connection(table).where({ id: row.id }).update({ created_at: back(row.created_at), updated_at: back(row.updated_at) });
      }
    };
    // loginAsSuperAdmin and loginAsAdminWith number their admins in one sequence (tests/helpers/agents.ts).
    const SUPER_ADMIN = 'editor1@colophon.test';
    const MAY_MODERATE = 'narrowed2@colophon.test';
    const READ_ONLY = 'narrowed3@colophon.test';
    const AUTHOR_LIKE = 'narrowed4@colophon.test';

    it('mails every admin who may moderate comments when comments wait, at most once per COMMENT_NOTIFY_MINUTES', async () => {
      await app.strapi.db.connection(SCHEDULE_TABLE).update({ last_sent_at: null });
      const before = digests().length;
      const email = uniqueEmail('waiting');
      await post({ article, authorName: 'Première Attente', authorEmail: email, body: 'Contactez moi: moi@example.net' }).expect(201);
      const digest = await smtp.waitFor((mail) => /la modération/.test(mail.subject) && mail.text.includes('Première Attente'));
      expect(digest.subject).toMatch(new RegExp(`^\\[${siteName}\\] \\d+ commentaires attendent la modération$`));
      expect(digest.text).toContain('Ouvrir la file de modération: https://api.colophon.test/admin/content-manager/collection-types/api::comment.comment?');
      expect(digest.text).toContain('Première Attente — Réponses par courriel');
      expect(digest.text).toContain('Contactez moi: [email]');
      expect(digest.raw).not.toContain(email);
      expect(digest.raw).not.toContain('moi@example.net');
      // One mail each to the super admin and to the admin whose role may update comments; none to the read-only one.
      for (const admin of [SUPER_ADMIN, MAY_MODERATE]) {
        await smtp.waitFor((mail) => /la modération/.test(mail.subject) && mail.envelopeTo.includes(admin) && mail.text.includes('Première Attente'));
      }
      const recipients = digests()
        .slice(before)
        .map((mail) => mail.envelopeTo);
      expect(recipients).toEqual(expect.arrayContaining([[SUPER_ADMIN], [MAY_MODERATE]]));
      expect(recipients.flat()).not.toContain(READ_ONLY);
      expect(recipients.flat()).not.toContain(AUTHOR_LIKE);
      const sent = digests().length;

      // More comments in the same period: no second digest.
      for (const name of ['Deux', 'Trois', 'Quatre']) await post({ article, authorName: name, authorEmail: uniqueEmail('more'), body: `Attente ${name}.` }).expect(201);
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(digests()).toHaveLength(sent);

      // A period later, the next digest counts what came since, and only that.
      await letTimePass(16);
      expect(await sendDigestIfDue(app.strapi, settings())).toBe(true);
      const next = await smtp.waitFor((mail) => /la modération/.test(mail.subject) && mail.text.includes('Quatre'));
      expect(next.text).toMatch(/dont 3 depuis le dernier récapitulatif/);
      expect(next.text).not.toContain('Première Attente');
      expect(await sendDigestIfDue(app.strapi, settings())).toBe(false);
    });

    it('is sent once when several instances ask at once, and not at all when nothing new waits', async () => {
      await post({ article, authorName: 'Concurrente', authorEmail: uniqueEmail('race'), body: 'En même temps.' }).expect(201);
      await letTimePass(16);
      const answers = await Promise.all([0, 1, 2, 3].map(() => sendDigestIfDue(app.strapi, settings())));
      // The mail loop may have claimed it between the write and these calls: then none of them does.
      expect(answers.filter(Boolean).length).toBeLessThanOrEqual(1);
      await smtp.waitFor((mail) => /la modération/.test(mail.subject) && mail.text.includes('Concurrente') && mail.envelopeTo.includes(SUPER_ADMIN));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(digests().filter((mail) => mail.text.includes('Concurrente') && mail.envelopeTo.includes(SUPER_ADMIN))).toHaveLength(1);
      // Nothing came since: a period later still, no digest.
      await letTimePass(16);
      expect(await sendDigestIfDue(app.strapi, settings())).toBe(false);
    });

    it('still reaches the other moderators when one address is refused, and does not mail them again for it', async () => {
      // A digest just went (so the mail loop sends none on this post); a period later, this call does.
      await app.strapi.db.connection(SCHEDULE_TABLE).where({ name: 'moderator-digest' }).update({ last_sent_at: Date.now() });
      await post({ article, authorName: 'Refusée', authorEmail: uniqueEmail('refused'), body: 'Un serveur capricieux.' }).expect(201);
      await letTimePass(16);
      smtp.refuseNext(1);
      expect(await sendDigestIfDue(app.strapi, settings())).toBe(true);
      await smtp.waitFor((mail) => /la modération/.test(mail.subject) && mail.text.includes('Refusée'));
      await letTimePass(16);
      expect(await sendDigestIfDue(app.strapi, settings())).toBe(false);
      expect(digests().filter((mail) => mail.text.includes('Refusée'))).toHaveLength(1);
    });

    it('reaches each admin in the interface language they chose, and the others in the Site’s', async () => {
      const users = () => app.strapi.db.query('admin::user');
      await users().update({ where: { email: MAY_MODERATE }, data: { preferedLanguage: 'en' } });
      // A language the mails have no words in: the Site's, not English marked as German.
      await users().update({ where: { email: SUPER_ADMIN }, data: { preferedLanguage: 'de' } });
      try {
        // A digest just went (so the mail loop sends none on this post); a period later, one is due.
        await app.strapi.db.connection(SCHEDULE_TABLE).where({ name: 'moderator-digest' }).update({ last_sent_at: Date.now() });
        await post({ article, authorName: 'Polyglotte', authorEmail: uniqueEmail('language'), body: 'Lu en deux langues.' }).expect(201);
        await letTimePass(16);
        await sendDigestIfDue(app.strapi, settings());
        const english = await smtp.waitFor((mail) => mail.envelopeTo.includes(MAY_MODERATE) && mail.text.includes('Polyglotte'));
        expect(english.subject).toMatch(new RegExp(`^\\[${siteName}\\] \\d+ comments? waits? for moderation$`));
        expect(english.text).toContain('Open the moderation queue: https://api.colophon.test/admin/content-manager/');
        expect(english.html).toContain('<html lang="en">');
        const french = await smtp.waitFor((mail) => mail.envelopeTo.includes(SUPER_ADMIN) && mail.text.includes('Polyglotte'));
        expect(french.subject).toMatch(/attendent? la modération$/);
        expect(french.html).toContain('<html lang="fr');
      } finally {
        await users().update({ where: { email: MAY_MODERATE }, data: { preferedLanguage: null } });
        await users().update({ where: { email: SUPER_ADMIN }, data: { preferedLanguage: null } });
      }
    });

    it('counts an old comment that readers’ reports sent back to pending', async () => {
      const held = await storedComment(app, article, { authorName: 'Signalé', body: 'Propos douteux.' });
      // Posted and approved two hours ago, long before the last digest.
      const table = app.strapi.db.metadata.get(COMMENT as any).tableName;
      const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
      await app.strapi.db.connection(table).where({ document_id: held.documentId }).update({ created_at: twoHoursAgo, updated_at: twoHoursAgo });
      for (const reason of ['hate', 'spam', 'harassment']) {
        await request(app.server).post(`/api/comments/${held.documentId}/report`).set('X-Forwarded-For', nextIp()).send({ data: { reason } }).expect(202);
      }
      expect((await commentRow(app, held.documentId)).commentStatus).toBe('pending');
      // The hold itself woke the mail loop, which may have sent the digest already; if not, this call does.
      await letTimePass(16);
      await sendDigestIfDue(app.strapi, settings());
      const digest = await smtp.waitFor((mail) => /la modération/.test(mail.subject) && mail.text.includes('Signalé'));
      expect(digest.text).toContain('Signalé — Réponses par courriel (signalé 3 fois)');
      expect(digest.text).toMatch(/dont 1 depuis le dernier récapitulatif/);
      expect(digest.text).toContain('1 a été retenu par des signalements de lecteurs.');
    });
  });

  describe('across app instances', () => {
    it('sends each queued mail once when two instances share the database', async () => {
      const second = await startSecondInstance(app, 60_000, { ...smtp.env, PUBLIC_URL, MAIL_POLL_MS: '50', SERVER_PROXY: 'true' });
      try {
        const { email, parent } = await confirmedCommenter();
        // Committed together, so both instances' loops find all of them waiting at once.
        const names = Array.from({ length: 12 }, (_, i) => `Répondant ${i}`);
        await app.strapi.db.transaction(async () => {
          for (const authorName of names) await storedComment(app, article, { parent, authorName });
        });
        await smtp.waitFor((mail) => mail.envelopeTo.includes(email) && mail.subject.includes(names[11]), 20_000);
        for (const name of names) await smtp.waitFor((mail) => mail.envelopeTo.includes(email) && mail.subject.includes(`${name} a répondu`), 20_000);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const subjects = smtp.to(email).filter((mail) => /a répondu/.test(mail.subject)).map((mail) => mail.subject);
        expect(subjects).toHaveLength(names.length);
        expect(new Set(subjects).size).toBe(names.length);
      } finally {
        await second.stop();
      }
    });
  });
});
