import { spawn } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { createFullAccessToken, createUserJwt, loginAsAdminWith, loginAsSuperAdmin } from '../../helpers/agents';
import { PROJECT_ROOT } from '../../helpers/database';
import { newsroom } from '../../helpers/fixtures';
import type { TestApp } from '../../helpers/strapi';
import { allPosters, aComment, bootCommentsApp, COMMENT, commentRow, graphqlAs, ipHashOf, nextIp, publicThread, uniqueEmail, useRules, type Poster } from './support';

const COMMAND = path.join(PROJECT_ROOT, 'scripts', 'personal-data.js');

function runCommand(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [COMMAND, ...args], { cwd: PROJECT_ROOT, env: { ...process.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Every stored value of every comment row, the change log and the privacy log, as one string to search. */
async function everythingStored(app: TestApp): Promise<string> {
  const knex = app.strapi.db.connection;
  const tables = [app.strapi.db.metadata.get(COMMENT as any).tableName, 'colophon_changes', 'colophon_privacy_log'];
  const dumps = await Promise.all(tables.map((table) => knex(table).select('*')));
  return JSON.stringify(dumps);
}

describe('personal data: export and erasure', () => {
  let app: TestApp;
  let superAdmin: string;
  let article: string;
  let posters: Poster[];
  const lea = { email: 'Lea.Martin@Example.org', name: 'Léa Martin', agent: 'LeaBrowser/1.0 (private)' };
  const leaIp = nextIp();
  const other = { email: uniqueEmail('other'), name: 'Omar Autre' };

  const admin = (jwt: string | null, action: 'export' | 'erase', body: unknown) => {
    const call = request(app.server).post(`/colophon/personal-data/${action}`);
    return (jwt ? call.set('Authorization', `Bearer ${jwt}`) : call).send(body as object);
  };

  beforeAll(async () => {
    app = await bootCommentsApp();
    superAdmin = await loginAsSuperAdmin(app);
    await newsroom(app).site({ defaultLocale: 'fr' });
    article = (await newsroom(app).article('Qui commente', { published: true })).documentId;
    posters = await allPosters(app);
    // Léa posts through REST and GraphQL from one address, with her email in capitals; another reader once.
    const restoreRules = useRules(app, { floodIntervalSeconds: 0 });
    for (const poster of [posters[0], posters[2]]) {
      const posted = await poster.post(aComment(article, { authorName: lea.name, authorEmail: lea.email, body: `Mon avis, par ${poster.door}.` }), {
        ip: leaIp,
        userAgent: lea.agent,
      });
      expect(posted.status).toBe(201);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    restoreRules();
    const others = await posters[0].post(aComment(article, { authorName: other.name, authorEmail: other.email, body: 'Le mien, pas le sien.' }));
    expect(others.status).toBe(201);
    // Approved, so that the public reads them and their answers are cached.
    await app.strapi.db.query(COMMENT as any).updateMany({ where: {}, data: { commentStatus: 'approved' } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe('who may ask', () => {
    it('answers 401 to anyone without an admin session, whatever else they hold', async () => {
      await admin(null, 'export', { email: lea.email }).expect(401);
      const reader = await createUserJwt(app);
      await admin(reader.jwt, 'export', { email: lea.email }).expect(401);
      await admin(await createFullAccessToken(app), 'erase', { email: lea.email }).expect(401);
    });

    it("answers 403 to an admin whose role may not read Comment, or may not update and delete it to erase", async () => {
      const articlesOnly = await loginAsAdminWith(app, [{ action: 'plugin::content-manager.explorer.read', subject: 'api::article.article' }]);
      expect((await admin(articlesOnly, 'export', { email: lea.email }).expect(403)).body.error.message).toMatch(/read permissions on Comment/);
      const readOnly = await loginAsAdminWith(app, [{ action: 'plugin::content-manager.explorer.read', subject: COMMENT }]);
      await admin(readOnly, 'export', { email: other.email }).expect(200);
      expect((await admin(readOnly, 'erase', { email: lea.email }).expect(403)).body.error.message).toMatch(/update and delete/);
      expect(await app.strapi.db.query(COMMENT as any).count({ where: { authorEmail: lea.email.toLowerCase() } })).toBe(2);
    });

    it('refuses a malformed request with a 400 naming the field', async () => {
      for (const [action, body, field] of [
        ['export', {}, 'email'],
        ['export', { email: 'pas une adresse' }, 'email'],
        ['export', { email: lea.email, userId: 1 }, 'userId'],
        ['erase', { userId: -4 }, 'userId'],
        ['erase', { email: lea.email, deleteText: 'oui' }, 'deleteText'],
        ['export', { email: lea.email, deleteText: true }, 'deleteText'],
        ['erase', { email: lea.email, everything: true }, 'everything'],
      ] as const) {
        const response = await admin(superAdmin, action, body).expect(400);
        expect(response.body.error.details.errors[0].path).toEqual([field]);
      }
      expect(await app.strapi.db.query(COMMENT as any).count({ where: { authorEmail: lea.email.toLowerCase() } })).toBe(2);
    });
  });

  describe('export', () => {
    it("holds every comment posted under the address, with its IP hash and user agent, and nothing of anyone else's", async () => {
      const response = await admin(superAdmin, 'export', { email: lea.email }).expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const exported = response.body.data;
      expect(exported.subject).toEqual({ email: lea.email.toLowerCase(), userId: null });
      expect(exported.comments).toHaveLength(2);
      for (const comment of exported.comments) {
        expect(comment).toMatchObject({
          authorName: lea.name,
          authorEmail: lea.email.toLowerCase(),
          ipHash: ipHashOf(leaIp),
          userAgent: lea.agent,
          commentStatus: 'approved',
          article: { documentId: article, title: 'Qui commente', path: '/blog/qui-commente' },
        });
      }
      expect(exported.comments.map((c: any) => c.body)).toEqual(['Mon avis, par REST.', 'Mon avis, par GraphQL.']);
      const text = JSON.stringify(exported);
      for (const foreign of [other.email, other.name, 'Le mien, pas le sien.']) expect(text).not.toContain(foreign);
    });

    it("by account: the account's own fields, never its secrets, and the comments it posted signed in", async () => {
      const account = await posters[1].signUp();
      expect((await posters[1].post(aComment(article, { body: 'Connecté.' }), { account })).status).toBe(201);
      const exported = (await admin(superAdmin, 'export', { userId: account.id }).expect(200)).body.data;
      expect(exported.accounts).toEqual([expect.objectContaining({ id: account.id, email: account.email, confirmed: true, blocked: false })]);
      expect(Object.keys(exported.accounts[0]).sort()).toEqual(['blocked', 'confirmed', 'createdAt', 'email', 'id', 'provider', 'updatedAt', 'username']);
      expect(exported.comments.map((c: any) => [c.body, c.userId])).toEqual([['Connecté.', account.id]]);
    });

    it('takes about as long for an address nobody used as for one with comments', async () => {
      const time = async (email: string) => {
        const started = process.hrtime.bigint();
        await admin(superAdmin, 'export', { email }).expect(200);
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 15; i += 1) {
        known.push(await time(lea.email));
        unknown.push(await time(`personne${i}@example.org`));
      }
      const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
      // Loose on purpose (a shared CI machine): the same queries run either way.
      expect(median(known)).toBeLessThan(median(unknown) * 3 + 5);
      expect(median(unknown)).toBeLessThan(median(known) * 3 + 5);
    });

    it('answers an address nobody used with the same shape, empty, never a 404', async () => {
      const known = (await admin(superAdmin, 'export', { email: other.email }).expect(200)).body.data;
      const unknown = (await admin(superAdmin, 'export', { email: 'personne@example.org' }).expect(200)).body.data;
      expect(Object.keys(unknown).sort()).toEqual(Object.keys(known).sort());
      expect(unknown).toMatchObject({ accounts: [], comments: [] });
      expect((await admin(superAdmin, 'export', { userId: 987654 }).expect(200)).body.data).toMatchObject({ accounts: [], comments: [] });
    });
  });

  describe('erasure', () => {
    it('anonymises the comments everywhere: public answers (cached or not), the admin, and every stored row', async () => {
      const before = await publicThread(app, article).expect(200);
      expect(before.body.data.map((c: any) => c.authorName)).toContain(lea.name);
      expect((await publicThread(app, article)).headers['x-cache']).toBe('HIT');
      const count = (await newsroom(app).articleRows(article)).find((row: any) => row.publishedAt).commentCount;

      const erased = (await admin(superAdmin, 'erase', { email: lea.email }).expect(200)).body.data;
      expect(erased).toEqual({ comments: 2, textDeleted: false, accounts: [] });

      const after = await publicThread(app, article).expect(200);
      const names = after.body.data.map((c: any) => c.authorName);
      expect(names.filter((name: string) => name === 'Anonyme')).toHaveLength(2);
      expect(names).toContain(other.name);
      expect(after.body.data.map((c: any) => c.body)).toContain('Mon avis, par GraphQL.');
      const graph = await graphqlAs(app, `query ($a: ID!) { comments(filters: { article: { documentId: { eq: $a } } }) { authorName body } }`, { a: article });
      expect(JSON.stringify(graph.body)).not.toContain(lea.name);

      const inAdmin = await request(app.server)
        .get(`/content-manager/collection-types/${COMMENT}`)
        .query({ pageSize: 100 })
        .set('Authorization', `Bearer ${superAdmin}`)
        .expect(200);
      expect(JSON.stringify(inAdmin.body)).not.toContain(lea.name);

      const stored = await everythingStored(app);
      for (const value of [lea.name, lea.email.toLowerCase(), ipHashOf(leaIp), lea.agent]) expect(stored).not.toContain(value);
      expect(stored).toContain(other.email);
      // Statuses and threads stay, so the count does not move; the change log saw the erasure.
      expect((await newsroom(app).articleRows(article)).find((row: any) => row.publishedAt).commentCount).toBe(count);
      const change = await app.strapi.db.connection('colophon_changes').where('action', 'comment:erase').first();
      expect(change).toBeDefined();
      const log = await app.strapi.db.connection('colophon_privacy_log').where('action', 'erase');
      expect(log).toEqual([expect.objectContaining({ subject_kind: 'email', comments: 2 })]);
    });

    it('with deleteText, replaces the words too, in the site language, and unlinks the account', async () => {
      const account = await posters[3].signUp();
      const posted = await posters[3].post(aComment(article, { body: 'À effacer entièrement.' }), { account });
      expect(posted.status).toBe(201);
      const erased = (await admin(superAdmin, 'erase', { userId: account.id, deleteText: true }).expect(200)).body.data;
      expect(erased).toEqual({ comments: 1, textDeleted: true, accounts: [{ id: account.id }] });
      const row = await commentRow(app, posted.comment.documentId);
      expect(row).toMatchObject({ authorName: 'Anonyme', authorEmail: null, ipHash: null, userAgent: null, user: null });
      expect(row.body).toBe('Ce commentaire a été supprimé à la demande de son auteur.');
      expect(row.bodyHtml).not.toContain('effacer');
    });

    it('runs from the command line too, for scripts', async () => {
      const email = uniqueEmail('script');
      expect((await posters[0].post(aComment(article, { authorEmail: email, authorName: 'Par Script', body: 'Via le script.' }))).status).toBe(201);
      const usage = await runCommand(['forget', `--email=${email}`]);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toMatch(/export or erase/);
      const erased = await runCommand(['erase', `--email=${email}`]);
      expect(erased.code).toBe(0);
      expect(erased.stdout).toMatch(/Erased the personal data of 1 comment/);
      expect(await app.strapi.db.query(COMMENT as any).count({ where: { authorName: 'Par Script' } })).toBe(0);
      const bad = await runCommand(['erase', '--email=nope']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--email: email must be an email address/);
    }, 120_000);
  });
  describe('retention of IP hashes and user agents', () => {
    it(`clears them on comments older than COMMENT_PERSONAL_DATA_DAYS, and flood control still holds a caller back`, async () => {
      const { clearExpiredPersonalData } = require(path.join(app.strapi.dirs.dist.root, 'src/strapi/comments/retention.js'));
      const ip = nextIp();
      const old = await posters[0].post(aComment(article, { body: 'Il y a longtemps.' }), { ip, userAgent: 'Old/1.0' });
      const recent = await posters[0].post(aComment(article, { body: 'Hier.' }), { ip: nextIp(), userAgent: 'Recent/1.0' });
      const table = app.strapi.db.metadata.get(COMMENT as any).tableName;
      const day = 24 * 60 * 60 * 1000;
      await app.strapi.db.connection(table).where('document_id', old.comment.documentId).update({ created_at: new Date(Date.now() - 91 * day) });
      await app.strapi.db.connection(table).where('document_id', recent.comment.documentId).update({ created_at: new Date(Date.now() - 89 * day) });

      expect(await clearExpiredPersonalData(app.strapi, app.strapi.config.get('colophon.comments.personalDataDays'))).toBeGreaterThanOrEqual(1);
      expect(await commentRow(app, old.comment.documentId)).toMatchObject({ ipHash: null, userAgent: null, body: 'Il y a longtemps.' });
      expect(await commentRow(app, recent.comment.documentId)).toMatchObject({ userAgent: 'Recent/1.0' });
      expect((await commentRow(app, recent.comment.documentId)).ipHash).toMatch(/^[0-9a-f]{64}$/);
      // A second run finds nothing left to clear.
      expect(await clearExpiredPersonalData(app.strapi, 90)).toBe(0);

      // The flood check reads recent hashes only: a caller posting twice at once is still held back.
      const floodIp = nextIp();
      expect((await posters[0].post(aComment(article), { ip: floodIp })).status).toBe(201);
      await clearExpiredPersonalData(app.strapi, 90);
      expect((await posters[0].post(aComment(article), { ip: floodIp })).status).toBe(429);
    });
  });

  describe('closing old threads (COMMENT_CLOSE_AFTER_DAYS)', () => {
    afterEach(() => app.strapi.config.set('colophon.comments.closeAfterDays', null));

    it('refuses a comment or a reply on an article first published longer ago, through every door, as allowComments: false does', async () => {
      const old = (await newsroom(app).article('Vieille histoire', { published: true })).documentId;
      const table = app.strapi.db.metadata.get('api::article.article' as any).tableName;
      await app.strapi.db.connection(table).where('document_id', old).update({ first_published_at: new Date(Date.now() - 31 * 24 * 60 * 60 * 1000) });
      const approved = await posters[0].post(aComment(old));
      await app.strapi.db.query(COMMENT as any).update({ where: { documentId: approved.comment.documentId }, data: { commentStatus: 'approved' } });

      app.strapi.config.set('colophon.comments.closeAfterDays', 30);
      for (const poster of posters) {
        for (const data of [aComment(old), aComment(old, { parent: approved.comment.documentId })]) {
          const posted = await poster.post(data);
          expect([poster.label, posted.status, posted.error?.message]).toEqual([poster.label, 400, 'Comments are closed on this article']);
        }
      }
      expect((await posters[0].post(aComment(article))).status).toBe(201);
      app.strapi.config.set('colophon.comments.closeAfterDays', 60);
      expect((await posters[0].post(aComment(old))).status).toBe(201);
    });
  });
});
