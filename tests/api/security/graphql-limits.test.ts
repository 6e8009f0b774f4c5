import { asPublic } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

/**
 * One GraphQL document must not make the server do unbounded work: 500 aliases of a nested
 * list once took 15.7 s and 1 GB. Aliases, cost, depth and tokens are bounded before anything
 * runs, with a 400 that says which bound.
 */
describe('GraphQL documents are bounded', () => {
  let app: TestApp;

  const post = (query: string) => asPublic(app).post('/graphql').send({ query });
  const nestedList = 'articles(pagination: { pageSize: 100 }) { title category { articles { structuredData attribution } } }';

  beforeAll(async () => {
    app = await bootStrapi();
    await newsroom(app).site();
    await newsroom(app).article('Une', { published: true, locale: 'en' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('refuses 100 aliases with a 400 naming the alias limit, without running them', async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: articles { title }`).join(' ');
    const response = await post(`{ ${aliases} }`);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.errors)).toMatch(/aliases/i);
  });

  it('refuses the 500 aliases of a nested list that once took 15 s and 1 GB (here by its size alone)', async () => {
    const aliases = Array.from({ length: 500 }, (_, i) => `a${i}: ${nestedList}`).join(' ');
    const response = await post(`{ ${aliases} }`);
    expect(response.status).toBe(400);
  });

  it('refuses a document whose cost is over the bound, even with few aliases', async () => {
    const fields = 'title slug excerpt path breadcrumbText breadcrumbs attribution seo structuredData';
    // Nine levels of article -> category -> article…, each asking for every field.
    let costly = `articles { ${fields} }`;
    for (let level = 0; level < 4; level += 1) costly = `articles { ${fields} category { name path ${costly} } }`;
    const response = await post(`{ ${Array.from({ length: 12 }, (_, i) => `c${i}: ${costly}`).join(' ')} }`);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.errors)).toMatch(/cost/i);
  });

  it('answers a newsroom frontend’s ordinary queries', async () => {
    const response = await post(`{ articles(locale: "en") { title breadcrumbText category { name path } } categories(locale: "en") { name path } }`);
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.articles.map((a: { title: string }) => a.title)).toEqual(['Une']);
  });
});
