import request from 'supertest';
import { mailLinkKey, signMailToken } from '../../../src/core/notifications';
import { clearExpiredPersonalData } from '../../../src/strapi/comments/retention';
import { outboxDelivery } from '../../../src/strapi/notifications/deliver';
import { sendDigestIfDue } from '../../../src/strapi/notifications/digest';
import { ADDRESSES_TABLE, OUTBOX_TABLE, SCHEDULE_TABLE } from '../../../src/strapi/notifications/models';
import { sendQueuedMail } from '../../../src/strapi/notifications/outbox';
import { createUserJwt, loginAsAdminWith, loginAsSuperAdmin } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { startSecondInstance } from '../../helpers/instances';
import { startTestSmtp, type ReceivedMail, type TestSmtp } from '../../helpers/smtp';
import { TEST_SECRETS, type TestApp } from '../../helpers/strapi';
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
    const match = mail.text.match(new RegExp(`${PUBLIC_URL.replace(/\./g, '\\.')}/api/comment-notifications/${kind}\\?token=[\\w.-]+`));
    if (!match) throw new Error(`no ${kind} link in: ${mail.text}`);
    return match[0];
  };
  const confirmationTo = (email: string) => smtp.waitFor((mail) => mail.envelopeTo.includes(email) && /Confirmez votre adresse/.test(mail.subject));
  const replyMailTo = (email: string) => smtp.waitFor((mail) => mail.envelopeTo.includes(email) && /a répondu à votre commentaire/.test(mail.subject));
  const outbox = (kind: string, documentId: string) => app.strapi.db.connection(OUTBOX_TABLE).where({ kind, comment_document_id: documentId }).first();
  /** Waits until the mail loop settled the outbox row of `kind` for `documentId`, and answers its outcome. */
  const settled = async (kind: string, documentId: string) => {
    for (let i = 0; i < 200; i += 1) {
      const row = await outbox(kind, documentId);
      if (row?.outcome) return row.outcome as string;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the ${kind} mail for ${documentId} was never settled`);
  };
  /** A reader asks for replies to a new approved comment, and confirms their address from the mail. */
  const confirmedCommenter = async (name = 'Ana Lectrice') => {
    const email = uniqueEmail('ana');
    const parent = await post({ article, authorName: name, authorEmail: email, body: 'Très bon papier.', notifyReplies: true }).expect(201);
    await request(app.server).get(linkPath(linkIn(await confirmationTo(email), 'confirm'))).set('Accept', 'text/html').expect(200);
    await approve(parent.body.data.documentId);
    return { email, parent: parent.body.data.documentId as string };
  };
  const approve = (documentId: string) => (app.strapi.documents(COMMENT as any) as any).update({ documentId, data: { commentStatus: 'approved' } });

  beforeAll(async () => {
    smtp = await startTestSmtp();
    app = await bootCommentsApp({ ...smtp.env, PUBLIC_URL, MAIL_POLL_MS: '100', COMMENT_NOTIFY_MINUTES: '15' });
    admin = await loginAsSuperAdmin(app);
    await loginAsAdminWith(app, [
      { action: 'plugin::content-manager.explorer.read', subject: COMMENT },
      { action: 'plugin::content-manager.explorer.update', subject: COMMENT },
    ]);
    await loginAsAdminWith(app, [{ action: 'plugin::content-manager.explorer.read', subject: COMMENT }]);
    siteName = (await newsroom(app).site()).name;
    article = (await publishedArticle(app, 'Réponses par courriel')).documentId;
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
  });

  describe('reply mails, after a double opt-in', () => {
    it('asks a Public reader to confirm, mails nothing before, and mails the approved reply after', async () => {
      const email = uniqueEmail('optin');
      const parent = (await post({ article, authorName: 'Odile', authorEmail: email, body: 'Premier !', notifyReplies: true }).expect(201)).body.data;
      expect(parent).not.toHaveProperty('notifyReplies');
      await approve(parent.documentId);
      const confirmation = await confirmationTo(email);
      expect(confirmation.header('auto-submitted')).toBe('auto-generated');
      expect(confirmation.text).toContain('Réponses par courriel');

      // Not confirmed yet: the reply is approved, and nothing goes.
      const early = await storedComment(app, article, { parent: parent.documentId, authorName: 'Bruno' });
      expect(await settled('reply', early.documentId)).toBe('skipped');
      expect(smtp.to(email)).toHaveLength(1);

      const page = await request(app.server).get(linkPath(linkIn(confirmation, 'confirm'))).set('Accept', 'text/html').expect(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.headers['cache-control']).toMatch(/no-store/);
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.text).toContain('Votre adresse est confirmée');

      const replierEmail = uniqueEmail('replier');
      const reply = await storedComment(app, article, {
        parent: parent.documentId,
        authorName: 'Bruno Répond',
        authorEmail: replierEmail,
        body: 'Je ne suis pas d’accord, écrivez-moi à bruno.perso@example.net.',
      });
      const mail = await replyMailTo(email);
      expect(mail.subject).toBe(`[${siteName}] Bruno Répond a répondu à votre commentaire`);
      expect(mail.text).toContain('Bruno Répond a répondu à votre commentaire sur « Réponses par courriel » :');
      expect(mail.text).toContain('Je ne suis pas d’accord, écrivez-moi à [email].');
      expect(mail.text).toContain('Premier !');
      expect(mail.html).toContain('<blockquote>');
      expect(mail.text).toMatch(new RegExp(`https://example\\.org/\\S*#comment-${reply.documentId}`));
      // No other reader's address, not even one typed in a comment.
      expect(mail.raw).not.toContain(replierEmail);
      expect(mail.raw).not.toContain('bruno.perso@example.net');
      expect(mail.envelopeTo).toEqual([email]);
      expect(mail.parsed.cc).toBeUndefined();
      expect(mail.parsed.bcc).toBeUndefined();
      // RFC 8058: the one-click unsubscribe, signed, on the public URL.
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
      expect((await commentRow(app, answer.body.data.createComment.documentId)).notifyReplies).toBe(true);
      const mail = await smtp.waitFor((received) => received.envelopeTo.includes(email));
      expect(mail.subject).toBe(`[${siteName}] Confirm your address for reply notifications`);
      expect(mail.text).toContain('when someone replies to your comment on “Replies by mail”');
      expect(linkIn(mail, 'confirm')).toMatch(/token=/);
    });

    it('announces a reply a moderator approves later, once, however often it is approved again', async () => {
      const { email, parent } = await confirmedCommenter();
      const moderator = await createUserJwt(app, 'moderator');
      const reply = await post({ article, parent, authorName: 'Nouveau', authorEmail: uniqueEmail('new'), body: 'Une première réponse.' }).expect(201);
      expect(reply.body.data.commentStatus).toBe('pending');
      expect(await outbox('reply', reply.body.data.documentId)).toBeUndefined();
      const setStatus = (commentStatus: string) =>
        request(app.server).put(`/api/comments/${reply.body.data.documentId}`).set('Authorization', `Bearer ${moderator.jwt}`).send({ data: { commentStatus } }).expect(200);
      await setStatus('approved');
      await replyMailTo(email);
      await setStatus('pending');
      await setStatus('approved');
      await settled('reply', reply.body.data.documentId);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(smtp.to(email).filter((mail) => /a répondu/.test(mail.subject))).toHaveLength(1);
    });

    it('unsubscribes with RFC 8058’s one-click POST; a GET only asks', async () => {
      const { email, parent } = await confirmedCommenter();
      await storedComment(app, article, { parent, authorName: 'Premier' });
      const unsubscribe = linkPath(linkIn(await replyMailTo(email), 'unsubscribe'));

      const asked = await request(app.server).get(unsubscribe).set('Accept', 'text/html').expect(200);
      expect(asked.text).toContain('<form method="post"');
      expect(asked.text).toContain('name="List-Unsubscribe" value="One-Click"');
      const stillSubscribed = await app.strapi.db.connection(ADDRESSES_TABLE).where({ email }).first();
      expect(stillSubscribed.unsubscribed_at).toBeNull();

      // What a mail client sends: a form POST with no cookie, no Accept.
      const done = await request(app.server).post(unsubscribe).type('form').send('List-Unsubscribe=One-Click').expect(200);
      expect(done.body).toEqual({ data: { outcome: 'unsubscribed' } });
      const second = await storedComment(app, article, { parent, authorName: 'Second' });
      expect(await settled('reply', second.documentId)).toBe('skipped');
      expect(smtp.to(email).filter((mail) => /a répondu/.test(mail.subject))).toHaveLength(1);
    });

    it('refuses a forged, expired or misused token with a 400 naming token, and changes nothing', async () => {
      const { email } = await confirmedCommenter();
      const key = mailLinkKey(TEST_SECRETS.COMMENT_IP_SECRET);
      const expired = signMailToken(key, { purpose: 'confirm', email, expiresAt: new Date(Date.now() - 1000) });
      const confirmToken = signMailToken(key, { purpose: 'confirm', email, expiresAt: new Date(Date.now() + 60_000) });
      const forged = signMailToken(mailLinkKey('another-secret'), { purpose: 'unsubscribe', email });
      for (const [method, path] of [
        ['post', `/api/comment-notifications/unsubscribe?token=${forged}`],
        ['post', `/api/comment-notifications/unsubscribe?token=${confirmToken}`],
        ['post', '/api/comment-notifications/unsubscribe'],
        ['get', `/api/comment-notifications/confirm?token=${expired}`],
        ['get', '/api/comment-notifications/confirm?token=not.a-token'],
      ] as const) {
        const answer = await request(app.server)[method](path).set('Accept', 'application/json').expect(400);
        expect(answer.body.error.details.errors[0].path).toEqual(['token']);
        expect(answer.headers['cache-control']).toMatch(/no-store/);
      }
      const page = await request(app.server).post(`/api/comment-notifications/unsubscribe?token=${forged}`).set('Accept', 'text/html').expect(400);
      expect(page.text).toContain('Ce lien n’est pas valide');
      expect((await app.strapi.db.connection(ADDRESSES_TABLE).where({ email }).first()).unsubscribed_at).toBeNull();
    });

    it('needs no confirmation mail from a signed-in reader whose account address is confirmed', async () => {
      const reader = await createUserJwt(app);
      const parent = await post({ article, authorName: 'Compte', body: 'Connecté.', notifyReplies: true }, { jwt: reader.jwt }).expect(201);
      await approve(parent.body.data.documentId);
      await storedComment(app, article, { parent: parent.body.data.documentId, authorName: 'Réponse' });
      await replyMailTo(reader.email);
      expect(smtp.to(reader.email).some((mail) => /Confirmez/.test(mail.subject))).toBe(false);
    });

    it('does not mail a commenter their own reply', async () => {
      const { email, parent } = await confirmedCommenter();
      const own = await storedComment(app, article, { parent, authorName: 'Ana', authorEmail: email.toUpperCase() });
      expect(await settled('reply', own.documentId)).toBe('skipped');
      expect(smtp.to(email).filter((mail) => /a répondu/.test(mail.subject))).toHaveLength(0);
    });

    it('sends one confirmation per address a day, and none for spam', async () => {
      const email = uniqueEmail('twice');
      for (const body of ['Un.', 'Deux.']) {
        await post({ article, authorName: 'Deux fois', authorEmail: email, body, notifyReplies: true }).expect(201);
      }
      await confirmationTo(email);
      const [first, second] = await app.strapi.db.query(COMMENT as any).findMany({ where: { authorEmail: email }, orderBy: { id: 'asc' } });
      expect(await settled('confirm', first.documentId)).toBe('sent');
      expect(await settled('confirm', second.documentId)).toBe('skipped');
      expect(smtp.to(email)).toHaveLength(1);

      const restore = useRules(app, { disallowedWords: ['casino'] });
      try {
        const spam = uniqueEmail('spam');
        const answer = await post({ article, authorName: 'Bot', authorEmail: spam, body: 'Best casino', notifyReplies: true }).expect(201);
        expect(answer.body.data.commentStatus).toBe('pending');
        expect(await outbox('confirm', answer.body.data.documentId)).toBeUndefined();
      } finally {
        restore();
      }
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
      smtp.refuseNext(1);
      const comment = (await post({ article, authorName: 'Patience', authorEmail: email, body: 'Encore.', notifyReplies: true }).expect(201)).body.data;
      for (let i = 0; i < 100 && !Number((await outbox('confirm', comment.documentId))?.attempts); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
      const failed = await outbox('confirm', comment.documentId);
      expect(failed).toMatchObject({ attempts: 1, done_at: null });
      expect(failed.last_error).toMatch(/451/);
      expect(smtp.to(email)).toHaveLength(0);
      // The retry is due a minute later.
      await sendQueuedMail(app.strapi, 'test', outboxDelivery(app.strapi), new Date(Date.now() + 2 * 60_000));
      await confirmationTo(email);
      expect((await outbox('confirm', comment.documentId)).outcome).toBe('sent');
    });

    it('forgets an erased address: exported before, gone after, and no mail goes to it again', async () => {
      const { email, parent } = await confirmedCommenter();
      const exported = await request(app.server).post('/colophon/personal-data/export').set('Authorization', `Bearer ${admin}`).send({ email }).expect(200);
      expect(exported.body.data.mailAddresses).toEqual([expect.objectContaining({ email, confirmedAt: expect.any(String), unsubscribedAt: null })]);
      expect(exported.body.data.comments[0].notifyReplies).toBe(true);
      await request(app.server).post('/colophon/personal-data/erase').set('Authorization', `Bearer ${admin}`).send({ email }).expect(200);
      expect(await app.strapi.db.connection(ADDRESSES_TABLE).where({ email }).first()).toBeUndefined();
      expect((await commentRow(app, parent)).notifyReplies).toBe(false);
      const reply = await storedComment(app, article, { parent, authorName: 'Trop tard' });
      expect(await settled('reply', reply.documentId)).toBe('skipped');
      expect(smtp.to(email).filter((mail) => /a répondu/.test(mail.subject))).toHaveLength(0);
    });
  });

  describe('retention', () => {
    it('drops addresses never confirmed once their link expired, keeps unsubscribed ones, and prunes sent mail', async () => {
      const days = (n: number) => new Date(Date.now() - n * 86_400_000);
      const addresses = () => app.strapi.db.connection(ADDRESSES_TABLE);
      await addresses().insert([
        { email: 'stale@example.org', created_at: days(8), confirmation_sent_at: days(8) },
        { email: 'fresh@example.org', created_at: days(2), confirmation_sent_at: days(2) },
        { email: 'kept@example.org', created_at: days(200), confirmed_at: days(199) },
        { email: 'suppressed@example.org', created_at: days(200), unsubscribed_at: days(150) },
      ]);
      await app.strapi.db.connection(OUTBOX_TABLE).insert([
        { kind: 'reply', comment_document_id: 'oldsentreply000000000000', attempts: 0, outcome: 'sent', done_at: days(91), created_at: days(91) },
        { kind: 'reply', comment_document_id: 'newsentreply000000000000', attempts: 0, outcome: 'sent', done_at: days(89), created_at: days(89) },
      ]);
      await clearExpiredPersonalData(app.strapi, 90);
      const left = (await addresses().whereIn('email', ['stale@example.org', 'fresh@example.org', 'kept@example.org', 'suppressed@example.org']).pluck('email')).sort();
      expect(left).toEqual(['fresh@example.org', 'kept@example.org', 'suppressed@example.org']);
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
      expect(answers.filter(Boolean).length).toBeLessThanOrEqual(1);
      await smtp.waitFor((mail) => /la modération/.test(mail.subject) && mail.text.includes('Concurrente') && mail.envelopeTo.includes(SUPER_ADMIN));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(digests().filter((mail) => mail.text.includes('Concurrente') && mail.envelopeTo.includes(SUPER_ADMIN))).toHaveLength(1);
      // Nothing came since: a period later still, no digest.
      await letTimePass(16);
      expect(await sendDigestIfDue(app.strapi, settings())).toBe(false);
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
