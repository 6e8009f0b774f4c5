import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { Kind, parse, visit, type DocumentNode } from 'graphql';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const bodyParser: () => (ctx: unknown, next: () => Promise<unknown>) => Promise<unknown> = require('koa-bodyparser');
import { DEFAULT_INPUT_LIMITS, findFragmentCycle, findGraphqlEscapeProblem, findInputProblem } from '../core/input';

/** Tokens in one GraphQL document; a page's real queries use a few hundred. */
const MAX_GRAPHQL_TOKENS = 5000;

/**
 * Refuses with a 400 what would otherwise end in a 500 deep inside Strapi or the database,
 * before any of it runs: a path that is not valid percent-encoding, a NUL character anywhere
 * (path, query, body, GraphQL variables or string literals: PostgreSQL refuses NUL in text),
 * a string that is not well-formed Unicode (a lone surrogate, sent raw in JSON or escaped in a
 * GraphQL literal: it would be stored as U+FFFD or garbage), nesting deeper than 32 levels
 * (Strapi's parsers and validators recurse on it), a GraphQL document of more than 5 000
 * tokens, and GraphQL fragments that spread each other in a cycle (a depth limiter that
 * expands fragments recursed on it until the stack overflowed).
 * Registered in config/middlewares.ts after Strapi's query and body parsers.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const graphqlEndpoint: string | undefined = strapi.plugin('graphql')?.config('endpoint');
  // Strapi's body parser skips the GraphQL endpoint, whose route parses its own body later with
  // koa-bodyparser's defaults; parsing it here the same way (that route's parser then sees a
  // parsed body and steps aside) lets its variables be checked like any other body.
  const parseGraphqlBody = bodyParser();
  return async (ctx: any, next: () => Promise<unknown>) => {
    if (graphqlEndpoint && ctx.path === graphqlEndpoint && ctx.method === 'POST') await parseGraphqlBody(ctx, async () => undefined);
    let path: string;
    try {
      path = decodeURIComponent(ctx.path);
    } catch {
      refuse(['path'], 'is not valid percent-encoding');
    }
    if (path.includes('\u0000')) refuse(['path'], 'must not contain a NUL character');

    for (const [where, value] of [
      ['query', ctx.query],
      ['body', ctx.request?.body],
    ] as const) {
      const problem = findInputProblem(value, DEFAULT_INPUT_LIMITS);
      if (problem) refuse([where, ...problem.path], problem.message);
    }

    const query = ctx.request?.body?.query ?? (typeof ctx.query?.query === 'string' ? ctx.query.query : undefined);
    if (graphqlEndpoint && ctx.path === graphqlEndpoint && typeof query === 'string') checkGraphqlDocument(query);
    return next();
  };
};

function checkGraphqlDocument(source: string): void {
  // An escape in a string literal becomes a real character once parsed.
  const escape = findGraphqlEscapeProblem(source);
  if (escape) refuse(['body', 'query'], `${escape.message}, at ${lineAndColumn(source, escape.index)}`);
  let document: DocumentNode;
  try {
    document = parse(source, { maxTokens: MAX_GRAPHQL_TOKENS });
  } catch (error) {
    // A plain syntax error is Apollo's to report, in GraphQL's own shape.
    // graphql-js 16 words it "more that N tokens".
    if (/more tha[nt] \d+ tokens/i.test((error as Error).message)) refuse(['body', 'query'], `has more than ${MAX_GRAPHQL_TOKENS} tokens`);
    return;
  }
  const spreads = new Map<string, string[]>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.FRAGMENT_DEFINITION) continue;
    const names: string[] = [];
    visit(definition.selectionSet, { FragmentSpread: (node) => void names.push(node.name.value) });
    spreads.set(definition.name.value, names);
  }
  const cycle = findFragmentCycle({ spreads });
  if (cycle) refuse(['body', 'query'], `has fragments that spread each other in a cycle: ${cycle.join(' -> ')}`);
}

function lineAndColumn(source: string, index: number): string {
  const before = source.slice(0, index).split(/\r\n|\r|\n/);
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/**
 * A 400 in the shape of Strapi's own validation errors: the message names the whole location
 * (`body.data.title`, `query.filters.title.$eq`), `details.field` and `errors[].path` the field
 * within the data, as a form would.
 */
function refuse(location: Array<string | number>, problem: string): never {
  const message = `${location.join('.')} ${problem}`;
  const path = location[0] === 'body' && location[1] === 'data' ? location.slice(2) : location.slice(location.length > 1 ? 1 : 0);
  throw new errors.ValidationError(message, {
    field: path.join('.'),
    errors: [{ path, message, name: 'ValidationError' }],
  });
}
