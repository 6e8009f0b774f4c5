import { buildSchema, execute, getIntrospectionQuery, Kind, parse, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { countIntrospectionAnswer } from '../../../src/core/input';

const schema = buildSchema(`
  interface Node { id: ID! }
  type Article implements Node { id: ID! title(upper: Boolean, lang: String): String tags: [String!]! status: Status }
  type Category implements Node { id: ID! name: String articles(filters: ArticleFilters, limit: Int): [Article] }
  union SearchResult = Article | Category
  enum Status { DRAFT PUBLISHED ARCHIVED }
  input ArticleFilters { title: String status: Status and: [ArticleFilters] }
  type Query { articles(filters: ArticleFilters): [Article] search(q: String!): [SearchResult] node(id: ID!): Node }
  type Mutation { touch(id: ID!): Article }
`);

function count(source: string, limit?: number): number {
  const document = parse(source);
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d])
  );
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return countIntrospectionAnswer(schema, operation.selectionSet, (name) => fragments.get(name), limit);
}

/** The same measure taken on what graphql-js really answers: each key 1, a list's elements' keys, a scalar list's length. */
function countAnswered(document: DocumentNode, variableValues?: Record<string, unknown>): number {
  const result = execute({ schema, document, variableValues }) as { data?: Record<string, unknown>; errors?: unknown };
  expect(result.errors).toBeUndefined();
  const measure = (value: unknown): number => {
    if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + (item !== null && typeof item === 'object' ? measure(item) : 1), 0);
    if (value === null || typeof value !== 'object') return 0;
    return Object.values(value).reduce((sum: number, item) => sum + 1 + measure(item), 0);
  };
  return measure(result.data);
}

describe('countIntrospectionAnswer', () => {
  it('counts exactly what the full standard introspection query answers', () => {
    const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true });
    expect(count(query)).toBe(countAnswered(parse(query)));
    expect(count(query)).toBeGreaterThan(1000);
  });

  it('counts each alias of __schema and __type, and what fragments and inline fragments select', () => {
    const one = '__schema { types { name fields { name args { name type { name kind ofType { name } } } } } }';
    const query = `query { a: ${one} b: ${one} c: __type(name: "Category") { ...Fields ... on __Type { inputFields { name } possibleTypes { name } } } }
      fragment Fields on __Type { name fields { name type { ...Ref } } interfaces { name } }
      fragment Ref on __Type { kind name ofType { kind name ofType { kind name } } }`;
    expect(count(query)).toBe(countAnswered(parse(query)));
    expect(count(`{ a: ${one} b: ${one} }`)).toBe(2 * count(`{ ${one} }`));
  });

  it('counts lists of every kind: enum values, input fields, possible types, directives and their locations', () => {
    const query = `{
      status: __type(name: "Status") { enumValues { name description } }
      filters: __type(name: "ArticleFilters") { inputFields { name defaultValue type { name kind ofType { name } } } }
      result: __type(name: "SearchResult") { possibleTypes { name interfaces { name } } }
      node: __type(name: "Node") { possibleTypes { name } fields { name } }
      __schema { queryType { name } mutationType { name } subscriptionType { name } directives { name locations isRepeatable args { name } } }
    }`;
    expect(count(query)).toBe(countAnswered(parse(query)));
  });

  it('counts nothing for ordinary fields, and __typename only inside introspection', () => {
    expect(count('{ articles { title __typename } __typename }')).toBe(0);
    expect(count('{ __type(name: "Article") { __typename name } }')).toBe(3);
    expect(count('{ __type(name: "Missing") { name } }')).toBe(1);
  });

  it('counts __type(name: $variable) as if it asked every named type', () => {
    const selection = '{ name fields { name } }';
    const every = Object.keys(schema.getTypeMap()).reduce((sum, name) => sum + count(`{ __type(name: "${name}") ${selection} }`) - 1, 1);
    expect(count(`query ($name: String!) { __type(name: $name) ${selection} }`)).toBe(every);
    expect(every).toBeGreaterThan(count(`{ __type(name: "Category") ${selection} }`));
  });

  it('stops once over the limit, answering limit + 1, and survives a fragment that spreads itself', () => {
    const wide = '{ __schema { types { name fields { name args { name type { name } } } inputFields { name } } } }';
    const full = count(wide);
    expect(count(wide, full)).toBe(full);
    expect(count(wide, 10)).toBe(11);
    expect(count('{ __schema { ...Loop } } fragment Loop on __Schema { types { name } ...Loop }')).toBe(count('{ __schema { types { name } } }'));
  });
});
