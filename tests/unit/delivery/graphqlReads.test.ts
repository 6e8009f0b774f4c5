import { readGraphqlRequest, type SchemaReader } from '../../../src/core/delivery';

const schema: SchemaReader = {
  attributes: (uid) =>
    (
      ({
        'api::article.article': { category: { type: 'relation', target: 'api::category.category' }, credits: { type: 'component', component: 'editorial.credit' } },
        'api::category.category': { articles: { type: 'relation', target: 'api::article.article' } },
        'editorial.credit': { source: { type: 'relation', target: 'api::source.source' } },
      }) as Record<string, any>
    )[uid],
};
const roots: Record<string, string> = {
  article: 'api::article.article',
  articles: 'api::article.article',
  articles_connection: 'api::article.article',
  categories: 'api::category.category',
  site: 'api::site.site',
};
const read = (query: unknown, extra: Record<string, unknown> = {}) => readGraphqlRequest({ query, ...extra }, (field) => roots[field] ?? null, schema);

describe('readGraphqlRequest', () => {
  it('finds every content type a query reaches, through relations, components, connections and fragments', () => {
    const result = read(`
      query Home { articles_connection { nodes { ...Card } pageInfo { total } } site { name } __typename }
      fragment Card on Article { title credits { source { name } } ... on Article { category { name } } }
    `);
    expect(result).toEqual({ query: true, uids: ['api::article.article', 'api::source.source', 'api::category.category', 'api::site.site'], readsUnknown: false, asksForDrafts: false });
  });

  it('tells a mutation from a query, by operation name when there are several', () => {
    const document = 'query Q { site { name } } mutation M { createArticle(data: {}) { title } }';
    expect(read(document, { operationName: 'Q' })?.query).toBe(true);
    expect(read(document, { operationName: 'M' })?.query).toBe(false);
    expect(read(document)).toBeNull();
    expect(read(document, { operationName: 'Nope' })).toBeNull();
  });

  it('flags a custom root field and a request for drafts', () => {
    expect(read('{ resolvePath(path: "/blog") }')?.readsUnknown).toBe(true);
    expect(read('{ articles(status: DRAFT) { title } }')?.asksForDrafts).toBe(true);
    expect(read('query($s: PublicationStatus) { articles(status: $s) { title } }', { variables: { s: 'DRAFT' } })?.asksForDrafts).toBe(true);
  });

  it('gives up on what does not parse', () => {
    expect(read('{ articles { ')).toBeNull();
    expect(read(42)).toBeNull();
  });
});
