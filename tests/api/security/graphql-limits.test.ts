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

  describe('every alias counts, whatever it aliases and wherever it sits', () => {
    const aliases = (count: number, field = '__typename') => Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ');
    const refusedForAliases = (response: { status: number; body: any }) => {
      expect(response.status).toBe(400);
      expect(response.body.data).toBeUndefined();
      expect(response.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            message: expect.stringMatching(/Aliases limit of 15 exceeded, found 16/),
            extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }),
          }),
        ])
      );
    };

    it('refuses 16 aliased __typename at the root, and answers 15', async () => {
      refusedForAliases(await post(`{ ${aliases(16)} }`));
      const fifteen = await post(`{ ${aliases(15)} }`);
      expect(fifteen.status).toBe(200);
      expect(fifteen.body.errors).toBeUndefined();
      expect(fifteen.body.data.a14).toBe('Query');
    });

    it('refuses 16 aliased __typename inside a list, and answers 15', async () => {
      refusedForAliases(await post(`{ articles(locale: "en") { ${aliases(16)} } }`));
      const fifteen = await post(`{ articles(locale: "en") { ${aliases(15)} } }`);
      expect(fifteen.status).toBe(200);
      expect(fifteen.body.data.articles).toEqual([expect.objectContaining({ a0: 'Article', a14: 'Article' })]);
    });

    it('refuses 16 aliased __typename reached through a fragment or an inline fragment', async () => {
      refusedForAliases(await post(`query { articles(locale: "en") { ...Names } } fragment Names on Article { ${aliases(16)} }`));
      refusedForAliases(await post(`{ articles(locale: "en") { ... on Article { ${aliases(16)} } } }`));
      // Split between the operation and a fragment, they add up.
      refusedForAliases(await post(`query { ${aliases(8)} articles(locale: "en") { ...Names } } fragment Names on Article { ${aliases(8)} }`));
      const fifteen = await post(`query { articles(locale: "en") { ...Names } } fragment Names on Article { ${aliases(15)} }`);
      expect(fifteen.status).toBe(200);
      expect(fifteen.body.errors).toBeUndefined();
    });

    it('counts aliased introspection (__schema, __type) like any other field', async () => {
      refusedForAliases(await post(`{ ${aliases(16, '__schema { queryType { name } }')} }`));
      refusedForAliases(await post(`{ ${aliases(16, '__type(name: "Article") { name }')} }`));
      refusedForAliases(await post(`{ ${aliases(8, '__schema { queryType { name } }')} ${aliases(8, '__type(name: "Article") { name }').replace(/a(\d+):/g, 'b$1:')} }`));
      const fifteen = await post(`{ ${aliases(15, '__type(name: "Article") { name }')} }`);
      expect(fifteen.status).toBe(200);
      expect(fifteen.body.data.a14).toEqual({ name: 'Article' });
    });

    it('refuses the 1 600 aliased __typename that used to be answered', async () => {
      const response = await post(`{ ${aliases(800)} articles { ${aliases(800).replace(/a(\d+):/g, 'b$1:')} } }`);
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.errors)).toMatch(/Aliases limit of 15 exceeded, found 1600/);
    });
  });

  describe('introspection is bounded by what it would answer', () => {
    const wideSchema =
      '__schema { types { name inputFields { name description type { name kind inputFields { name description type { name kind } } } } fields { name description args { name type { name kind ofType { name inputFields { name description } } } } } } }';

    it('answers the full standard introspection query that GraphiQL and codegen tools send', async () => {
      const { getIntrospectionQuery } = await import('graphql');
      const response = await post(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }));
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data.__schema.types.map((type: { name: string }) => type.name)).toContain('Article');
    });

    it('refuses introspection asked many times over under aliases, which armor’s cost and depth skip', async () => {
      const response = await post(`{ ${wideSchema} ${Array.from({ length: 15 }, (_, i) => `a${i}: ${wideSchema}`).join(' ')} }`);
      expect(response.status).toBe(400);
      expect(response.body.data).toBeUndefined();
      expect(response.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            message: expect.stringMatching(/Introspection limit of \d+ values/),
            extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }),
          }),
        ])
      );
    });

    it('refuses aliased __type selections that fan out over every field’s arguments', async () => {
      // Within armor's cost (about 3 300) and depth (8), and graphql-js's two nested introspection lists.
      const inputs = 'inputFields { name description type { name kind } }';
      const wideType = `__type(name: "Query") { fields { name description args { name description type { name kind ${inputs} ofType { name kind ${inputs} } } } } }`;
      const response = await post(`{ ${Array.from({ length: 15 }, (_, i) => `t${i}: ${wideType}`).join(' ')} }`);
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.errors)).toMatch(/Introspection limit/);
    });
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

  it('stores at most one comment from a mutation of aliased createComment, trapped or not', async () => {
    const article = await newsroom(app).article('Commentable', { published: true, locale: 'en' });
    const honeypot = app.strapi.config.get('colophon.comments.rules.honeypotField') as string;
    const comments = () => app.strapi.db.query('api::comment.comment').count({});
    const mutation = (count: number, trapped: boolean, who = 'bot') =>
      `mutation { ${Array.from(
        { length: count },
        (_, i) =>
          `c${i}: createComment(data: { article: "${article.documentId}", authorName: "Bot", authorEmail: "${who}@colophon.test", body: "Buy now, ${who}." ${
            trapped ? `, ${honeypot}: "http://spam.test"` : ''
          } }) { documentId }`
      ).join(' ')} }`;

    const before = await comments();
    const flood = await asPublic(app).post('/graphql').send({ query: mutation(200, true) });
    expect(flood.status).toBe(400);
    expect(await comments()).toBe(before);

    // Under the alias bound, ten trapped posts then ten plain ones from one client: the first is
    // stored (as spam), the duplicate and flood rules hold the other nineteen, trap or no trap.
    for (const trapped of [true, false]) {
      const response = await asPublic(app).post('/graphql').send({ query: mutation(10, trapped, trapped ? 'trapped' : 'plain') });
      expect(response.status).toBeLessThan(500);
    }
    expect(await comments()).toBe(before + 1);
  });
});
