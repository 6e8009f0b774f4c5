import type { AddressInfo } from 'node:net';
import { createFullAccessToken } from '../../helpers/agents';
import { databaseClient } from '../../helpers/database';
import { newsroom } from '../../helpers/fixtures';
import { startSecondInstance, type SecondInstance } from '../../helpers/instances';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const onPostgres = databaseClient() === 'postgres' ? describe : describe.skip;

interface Answer {
  status: number;
  body: any;
}

/**
 * Editors saving at the same moment on PostgreSQL, through two app instances on one database,
 * as production runs: article saves share their tree's lock, so nothing but the database
 * itself stands between two writers reaching for one path. Every request is fired at once,
 * alternately at each instance.
 */
onPostgres('writers racing for one path on two app instances', () => {
  let app: TestApp;
  let second: SecondInstance;
  let token: string;
  let bases: string[];

  beforeAll(async () => {
    app = await bootStrapi();
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    bases = [`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`];
    token = await createFullAccessToken(app);
    await newsroom(app).site();
    second = await startSecondInstance(app);
    bases.push(second.baseUrl);
  });
  afterAll(async () => {
    await second?.stop();
    await new Promise((resolve) => app?.server.close(resolve));
    await app?.stop();
  });

  const post = async (index: number, collection: string, data: Record<string, unknown>): Promise<Answer> => {
    const response = await fetch(`${bases[index % 2]}/api/${collection}?locale=fr&status=published`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ data }),
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  };
  const all = (count: number, send: (index: number) => Promise<Answer>) => Promise.all(Array.from({ length: count }, (_, index) => send(index)));

  /** Every row of the locale holding `path`-like paths under `prefix`, and who holds each. */
  const holdersUnder = async (prefix: string) => {
    const rows = await app.strapi.db
      .connection('articles')
      .select('document_id as documentId', 'path')
      .where('locale', 'fr')
      .where('path', 'like', `${prefix}%`);
    const byPath = new Map<string, Set<string>>();
    for (const row of rows) byPath.set(row.path, new Set([...(byPath.get(row.path) ?? []), row.documentId]));
    return byPath;
  };

  it('gives 20 simultaneous creates of one title in one category 20 distinct paths, none a 5xx', async () => {
    const section = await newsroom(app).category('Course', { slug: 'course' });
    const answers = await all(20, (index) => post(index, 'articles', { title: 'Course au titre', category: section.documentId }));

    expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(201));
    const paths = answers.map((answer) => answer.body.data.path);
    expect(new Set(paths).size).toBe(20);
    expect(paths).toContain('/blog/course/course-au-titre');
    for (let n = 2; n <= 20; n += 1) expect(paths).toContain(`/blog/course/course-au-titre-${n}`);

    const stored = await holdersUnder('/blog/course/');
    expect([...stored.values()].filter((owners) => owners.size > 1)).toEqual([]);
    expect(stored.size).toBe(20);
  });

  it('gives 10 simultaneous explicit slugs for one path one 201 and nine 400s on slug', async () => {
    const section = await newsroom(app).category('Explicite', { slug: 'explicite' });
    const answers = await all(10, (index) =>
      post(index, 'articles', { title: `Candidat ${index}`, slug: 'meme-chemin', category: section.documentId })
    );

    expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
    const created = answers.filter((answer) => answer.status === 201);
    const refused = answers.filter((answer) => answer.status === 400);
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(9);
    for (const answer of refused) {
      expect(answer.body.error.details.errors).toEqual([expect.objectContaining({ path: ['slug'] })]);
      expect(answer.body.error.message).toContain(created[0].body.data.documentId);
    }
    const stored = await holdersUnder('/blog/explicite/');
    expect([...stored.keys()]).toEqual(['/blog/explicite/meme-chemin']);
    expect(stored.get('/blog/explicite/meme-chemin')!.size).toBe(1);
  });

  it('keeps one article per slug in a locale when 10 explicit slugs race in 10 different categories', async () => {
    const sections = await Promise.all(Array.from({ length: 10 }, (_, index) => newsroom(app).category(`Rubrique ${index}`)));
    const answers = await all(10, (index) =>
      post(index, 'articles', { title: `Rival ${index}`, slug: 'un-seul-slug', category: sections[index].documentId })
    );
    expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 400)).toHaveLength(9);
    const rows = await app.strapi.db.connection('articles').distinct('document_id').where({ locale: 'fr', slug: 'un-seul-slug' });
    expect(rows).toHaveLength(1);
  });

  it('lets only one of an article and a category racing for one path have it', async () => {
    const parent = await newsroom(app).category('Carrefour', { slug: 'carrefour' });
    const answers = await all(10, (index) =>
      index % 2 === 0
        ? post(index, 'articles', { title: 'Croisement', slug: 'croisement', category: parent.documentId })
        : post(index, 'categories', { name: 'Croisement', slug: 'croisement', parent: parent.documentId })
    );
    expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    const articles = await app.strapi.db.connection('articles').count({ count: '*' }).where({ locale: 'fr', path: '/blog/carrefour/croisement' }).first();
    const categories = await app.strapi.db.connection('categories').count({ count: '*' }).where({ locale: 'fr', path: '/blog/carrefour/croisement' }).first();
    // Two rows (draft and published) for the article, or one for the category: never both.
    expect([
      [2, 0],
      [0, 1],
    ]).toContainEqual([Number(articles!.count), Number(categories!.count)]);
  });
});
