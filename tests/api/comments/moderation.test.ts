import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';
import {
  aComment,
  allPosters,
  bootCommentsApp,
  commentRow,
  countComments,
  insertCommentRow,
  ipHashOf,
  nextIp,
  publicThread,
  publishedArticle,
  uniqueEmail,
  useRules,
  type Poster,
} from './support';

const LABELS = ['REST as Public', 'REST as Authenticated', 'GraphQL as Public', 'GraphQL as Authenticated'];

describe('moderation, in WordPress’s order, through every door', () => {
  let app: TestApp;
  let posters: Poster[];
  let article: { documentId: string };
  const poster = (label: string) => posters.find((p) => p.label === label)!;
  // An approved comment a minute old (old enough not to trip the flood rule), by an account or
  // only under an email.
  const knownAuthor = (email: string, userId?: number) =>
    insertCommentRow(app, { authorEmail: email, secondsAgo: 60, commentStatus: 'approved', userId });

  beforeAll(async () => {
    app = await bootCommentsApp();
    await newsroom(app).site();
    article = await publishedArticle(app, 'Modération');
    posters = await allPosters(app);
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe.each(LABELS)('%s', (label) => {
    describe('1. honeypot', () => {
      it('stores a comment whose hidden website field is filled as spam, and answers 201 as if it were pending', async () => {
        const posted = await poster(label).post(aComment(article.documentId, { website: 'http://cheap-pills.example' }));
        expect(posted.status).toBe(201);
        expect(posted.comment.commentStatus).toBe('pending');
        const row = await commentRow(app, posted.comment.documentId);
        expect(row).toMatchObject({ commentStatus: 'spam', moderationReason: 'honeypot' });
      });

      it('checks the honeypot before anything else: a bot’s invalid fields still get the same 201', async () => {
        const posted = await poster(label).post(
          aComment(article.documentId, { website: 'x', authorEmail: 'not an email', authorName: '' })
        );
        expect(posted.status).toBe(201);
        expect((await commentRow(app, posted.comment.documentId)).commentStatus).toBe('spam');
      });

      it('treats an empty website field as a human’s', async () => {
        const posted = await poster(label).post(aComment(article.documentId, { website: '' }));
        expect(posted.status).toBe(201);
        expect((await commentRow(app, posted.comment.documentId)).commentStatus).toBe('pending');
      });
    });

    describe('2. validation', () => {
      it.each([
        ['authorName', { authorName: '' }],
        ['authorName', { authorName: '   ' }],
        ['authorName', { authorName: 'n'.repeat(246) }],
        ['authorEmail', { authorEmail: 'jeanne@' }],
        ['authorEmail', { authorEmail: `${'e'.repeat(89)}@example.org` }],
        ['body', { body: '' }],
        ['body', { body: ' \n\t ' }],
        ['body', { body: 'b'.repeat(5001) }],
      ])('refuses an invalid %s with a 400 naming it, and stores nothing', async (field, override) => {
        const before = await countComments(app);
        const posted = await poster(label).post(aComment(article.documentId, override));
        expect(posted.status).toBe(400);
        expect(posted.error?.details?.field).toBe(field);
        expect(await countComments(app)).toBe(before);
      });

      it('accepts each field at its limit, measured after trimming', async () => {
        const email = uniqueEmail();
        const posted = await poster(label).post(
          aComment(article.documentId, {
            authorName: 'n'.repeat(245),
            authorEmail: `${'e'.repeat(100 - email.length)}${email}`,
            body: `  ${'b'.repeat(5000)}\n`,
          })
        );
        expect(posted.status).toBe(201);
        expect(posted.comment.body).toHaveLength(5000);
      });
    });

    describe('3. duplicate', () => {
      it('refuses the same words from the same caller on the same article with a 409', async () => {
        const first = aComment(article.documentId);
        const ip = nextIp();
        expect((await poster(label).post(first, { ip })).status).toBe(201);
        const again = await poster(label).post({ ...first, authorEmail: String(first.authorEmail).toUpperCase() }, { ip });
        expect(again.status).toBe(409);
        expect(again.error).toMatchObject(label.startsWith('REST') ? { name: 'ConflictError' } : { code: 'STRAPI_CONFLICT_ERROR' });
      });

      it('is not fooled by surrounding whitespace', async () => {
        const first = aComment(article.documentId);
        const ip = nextIp();
        expect((await poster(label).post(first, { ip })).status).toBe(201);
        expect((await poster(label).post({ ...first, body: `\n ${first.body}  ` }, { ip })).status).toBe(409);
      });

      it('does not tell another caller that those words were posted under that email: a 201 like any post', async () => {
        const first = aComment(article.documentId);
        await insertCommentRow(app, { authorEmail: String(first.authorEmail), body: String(first.body), ipHash: ipHashOf(nextIp()), secondsAgo: 120 });
        const guess = await poster(label).post(first, { ip: nextIp() });
        expect(guess.status).toBe(201);
        expect(guess.comment.commentStatus).toBe('pending');
      });
    });

    describe('4. flood', () => {
      it('answers 429 with Retry-After when the same IP commented less than 15 s ago, read from the database', async () => {
        const ip = nextIp();
        await insertCommentRow(app, { authorEmail: uniqueEmail('other'), ipHash: ipHashOf(ip), secondsAgo: 5 });
        const posted = await poster(label).post(aComment(article.documentId), { ip });
        expect(posted.status).toBe(429);
        expect(posted.error?.details?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
        expect(posted.error?.details?.retryAfterSeconds).toBeLessThanOrEqual(10);
        if (label.startsWith('REST')) expect(Number(posted.retryAfter)).toBe(posted.error?.details?.retryAfterSeconds);
        else expect(posted.error?.code).toBe('STRAPI_RATE_LIMIT_ERROR');
      });

      it('does not hold up another caller who types an email that just commented: no answer depends on it', async () => {
        const email = uniqueEmail();
        await insertCommentRow(app, { authorEmail: email, ipHash: ipHashOf(nextIp()), secondsAgo: 1 });
        const posted = await poster(label).post(aComment(article.documentId, { authorEmail: email }));
        expect(posted.status).toBe(201);
      });

      if (label.endsWith('Authenticated')) {
        it('holds the same account posting again from another address', async () => {
          const account = await poster(label).signUp();
          await insertCommentRow(app, { authorEmail: account.email, ipHash: ipHashOf(nextIp()), secondsAgo: 2, userId: account.id });
          const posted = await poster(label).post(aComment(article.documentId), { account });
          expect(posted.status).toBe(429);
        });
      }

      it('lets the author post again once 15 s have passed', async () => {
        const ip = nextIp();
        const email = uniqueEmail();
        await insertCommentRow(app, { authorEmail: email, ipHash: ipHashOf(ip), secondsAgo: 16 });
        const posted = await poster(label).post(aComment(article.documentId, { authorEmail: email }), { ip });
        expect(posted.status).toBe(201);
      });
    });

    describe('5. words and links', () => {
      let restore: () => void;
      beforeAll(() => {
        restore = useRules(app, { disallowedWords: ['viagra', ' '], moderationWords: ['casino'] });
      });
      afterAll(() => restore());

      it.each([
        ['name', { authorName: 'Cheap VIAGRA' }],
        ['email', { authorEmail: uniqueEmail('viagra') }],
        ['body', { body: 'Buy ViAgRa now' }],
      ])('stores a disallowed word in the %s as spam, telling the poster it is pending', async (_where, override) => {
        const posted = await poster(label).post(aComment(article.documentId, override));
        expect(posted.status).toBe(201);
        expect(posted.comment.commentStatus).toBe('pending');
        const row = await commentRow(app, posted.comment.documentId);
        expect(row.commentStatus).toBe('spam');
        expect(row.moderationReason).toBe('disallowed word "viagra"');
      });

      it('holds a moderation word for review, with the reason', async () => {
        const posted = await poster(label).post(aComment(article.documentId, { body: 'Le Casino de Paris' }));
        expect(posted.comment.commentStatus).toBe('pending');
        expect((await commentRow(app, posted.comment.documentId)).moderationReason).toBe('moderation word "casino"');
      });

      it('holds two links or more for review, with the reason', async () => {
        const posted = await poster(label).post(aComment(article.documentId, { body: 'Voir https://example.org/a et www.example.com/b' }));
        expect(posted.comment.commentStatus).toBe('pending');
        expect((await commentRow(app, posted.comment.documentId)).moderationReason).toMatch(/^2 links/);
      });

      if (label.endsWith('Authenticated')) {
        it('holds two links or more even from a known account, and lets one link through', async () => {
          for (const [body, status] of [
            ['Voir https://example.org/a et www.example.com/b', 'pending'],
            ['Source : https://example.org/a', 'approved'],
          ]) {
            const account = await poster(label).signUp();
            await knownAuthor(account.email, account.id);
            const posted = await poster(label).post(aComment(article.documentId, { body }), { account });
            expect(posted.comment.commentStatus).toBe(status);
          }
        });
      }
    });

    describe('6. known authors', () => {
      if (label.endsWith('Authenticated')) {
        it('approves at once a signed-in account with an approved comment, and counts it on the article', async () => {
          const account = await poster(label).signUp();
          await knownAuthor(account.email, account.id);
          const countBefore = (await app.strapi.db.query('api::article.article').findOne({ where: { documentId: article.documentId } }))
            .commentCount;
          const posted = await poster(label).post(aComment(article.documentId), { account });
          expect(posted.comment.commentStatus).toBe('approved');
          const after = await app.strapi.db.query('api::article.article').findOne({ where: { documentId: article.documentId } });
          expect(after.commentCount).toBe(countBefore + 1);
        });

        it('shows the approved comment at once on cached public answers, and logs the change', async () => {
          const account = await poster(label).signUp();
          await knownAuthor(account.email, account.id);
          await publicThread(app, article.documentId).expect(200);
          expect((await publicThread(app, article.documentId)).headers['x-cache']).toBe('HIT');
          const [{ max: before }] = await app.strapi.db.connection('colophon_changes').max({ max: 'id' });
          const posted = await poster(label).post(aComment(article.documentId, { body: `Visible at once, ${label}.` }), { account });
          expect(posted.comment.commentStatus).toBe('approved');
          expect(JSON.stringify((await publicThread(app, article.documentId).expect(200)).body)).toContain(`Visible at once, ${label}.`);
          const changes = await app.strapi.db.connection('colophon_changes').where('id', '>', Number(before ?? 0));
          expect(changes.map((change: any) => change.action)).toContain('comment:create');
        });

        it('holds everyone when auto-approval is turned off in the config', async () => {
          const restore = useRules(app, { autoApproveKnownAuthors: false });
          try {
            const account = await poster(label).signUp();
            await knownAuthor(account.email, account.id);
            const posted = await poster(label).post(aComment(article.documentId), { account });
            expect(posted.comment.commentStatus).toBe('pending');
          } finally {
            restore();
          }
        });
      }

      it('does not approve on a typed email that has an approved comment: anyone can type it', async () => {
        const email = uniqueEmail('regular');
        await knownAuthor(email);
        const posted = await poster(label).post(aComment(article.documentId, { authorEmail: email.toUpperCase(), body: 'Voir https://spam.example' }));
        expect(posted.comment.commentStatus).toBe('pending');
        expect((await commentRow(app, posted.comment.documentId)).moderationReason).toBe('first comment from this author');
      });

      it('approves on a known email only where the opt-in WordPress rule is on', async () => {
        const restore = useRules(app, { autoApproveByEmail: true });
        try {
          const email = uniqueEmail('regular');
          await knownAuthor(email);
          const posted = await poster(label).post(aComment(article.documentId, { authorEmail: email }));
          expect(posted.comment.commentStatus).toBe('approved');
          expect((await commentRow(app, posted.comment.documentId)).moderationReason).toBe('known email');
        } finally {
          restore();
        }
      });

      it('holds an author whose earlier comments are only pending or spam', async () => {
        const email = uniqueEmail();
        await insertCommentRow(app, { authorEmail: email, secondsAgo: 90, commentStatus: 'spam' });
        await insertCommentRow(app, { authorEmail: email, secondsAgo: 60, commentStatus: 'pending' });
        const posted = await poster(label).post(aComment(article.documentId, { authorEmail: email }));
        expect(posted.comment.commentStatus).toBe('pending');
        expect((await commentRow(app, posted.comment.documentId)).moderationReason).toBe('first comment from this author');
      });
    });
  });

  describe('the order of the checks', () => {
    it('reports a duplicate (409) before a flood (429)', async () => {
      const first = aComment(article.documentId);
      const ip = nextIp();
      expect((await posters[0].post(first, { ip })).status).toBe(201);
      expect((await posters[0].post(first, { ip })).status).toBe(409);
      expect((await posters[0].post({ ...first, body: 'Autre chose' }, { ip })).status).toBe(429);
    });

    it('refuses invalid fields (400) before looking for duplicates', async () => {
      const first = aComment(article.documentId);
      const ip = nextIp();
      expect((await posters[0].post(first, { ip })).status).toBe(201);
      expect((await posters[0].post({ ...first, authorName: '' }, { ip })).status).toBe(400);
    });

    it('holds a trapped bot to the flood and duplicate rules: fifty identical trapped posts store one row', async () => {
      const ip = nextIp();
      const before = await countComments(app);
      const trap = aComment(article.documentId, { website: 'http://cheap-pills.example' });
      const statuses: number[] = [];
      for (let i = 0; i < 50; i += 1) statuses.push((await posters[0].post(trap, { ip })).status);
      expect(statuses[0]).toBe(201);
      expect(statuses.slice(1).every((status) => status === 409 || status === 429)).toBe(true);
      expect(await countComments(app)).toBe(before + 1);
    });

    it('lets a disallowed word win over a known author', async () => {
      const restore = useRules(app, { disallowedWords: ['viagra'] });
      try {
        const account = await posters[1].signUp();
        await knownAuthor(account.email, account.id);
        const posted = await posters[1].post(aComment(article.documentId, { body: 'viagra' }), { account });
        expect((await commentRow(app, posted.comment.documentId)).commentStatus).toBe('spam');
      } finally {
        restore();
      }
    });

    it('uses the flood interval from the config', async () => {
      const restore = useRules(app, { floodIntervalSeconds: 120 });
      try {
        const ip = nextIp();
        await insertCommentRow(app, { authorEmail: uniqueEmail(), ipHash: ipHashOf(ip), secondsAgo: 60 });
        const posted = await posters[0].post(aComment(article.documentId), { ip });
        expect(posted.status).toBe(429);
        expect(Number(posted.retryAfter)).toBeGreaterThan(15);
      } finally {
        restore();
      }
    });

    it('lets only one of two simultaneous posts from one author through; the other is told to wait', async () => {
      const ip = nextIp();
      const results = await Promise.all([
        posters[0].post(aComment(article.documentId), { ip }),
        posters[2].post(aComment(article.documentId), { ip }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 429]);
    });
  });
});

describe('the benchmark-only switch', () => {
  it('cannot turn moderation off in production: the app refuses to start', async () => {
    await expect(bootStrapi({ env: { NODE_ENV: 'production', COMMENT_PIPELINE: 'false' } })).rejects.toThrow(/benchmarks only/);
  });
});
