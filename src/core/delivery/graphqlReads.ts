import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { SchemaReader } from './answerTags';

/** What a GraphQL request reads, as far as caching it goes. */
export interface GraphqlRead {
  /** The operation run is a query (not a mutation or subscription). */
  query: boolean;
  /** The content types its selections reach (root fields, then relations, components and media). */
  uids: string[];
  /** Some root field is not a content type's (a custom query such as resolvePath): it may read anything. */
  readsUnknown: boolean;
  /** The document or its variables ask for drafts (`DRAFT`). */
  asksForDrafts: boolean;
}

/**
 * Reads a GraphQL request (the document, the operation name, the variables) for what it
 * touches: which operation runs (the named one, or the only one), whether it is a query, and
 * which content types its selections reach, following `rootType` for root fields (Strapi's
 * `article`, `articles`, `articles_connection`) and the schema for nested ones (relations,
 * `<relation>_connection`, components; `nodes` and fragments stay on the same type). Null when
 * the document does not parse or names no runnable operation: GraphQL answers that with an error.
 */
export function readGraphqlRequest(
  request: { query: unknown; operationName?: unknown; variables?: unknown },
  rootType: (field: string) => string | null,
  schema: SchemaReader
): GraphqlRead | null {
  if (typeof request.query !== 'string') return null;
  let document;
  try {
    document = parse(request.query, { noLocation: true, maxTokens: 5000 });
  } catch {
    return null;
  }
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment])
  );
  const name = typeof request.operationName === 'string' && request.operationName !== '' ? request.operationName : null;
  const operation = name ? operations.find((candidate) => candidate.name?.value === name) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) return null;

  const uids = new Set<string>();
  let readsUnknown = false;
  const seen = new Set<string>();
  const visit = (selections: SelectionSetNode | undefined, uid: string | null): void => {
    for (const selection of selections?.selections ?? []) {
      if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, uid);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        // A fragment spread twice at one type adds nothing; a cycle is a GraphQL validation error.
        const key = `${selection.name.value}\u0000${uid}`;
        if (seen.has(key)) continue;
        seen.add(key);
        visit(fragments.get(selection.name.value)?.selectionSet, uid);
      } else {
        const field = selection.name.value;
        if (field.startsWith('__')) continue;
        if (uid === null) {
          const root = rootType(field);
          if (root === null) readsUnknown = true;
          else {
            uids.add(root);
            visit(selection.selectionSet, root);
          }
          continue;
        }
        const attribute = schema.attributes(uid)?.[field.replace(/_connection$/, '')];
        const target = attribute?.target ?? attribute?.component;
        if (target) {
          if (attribute!.type !== 'component') uids.add(target);
          visit(selection.selectionSet, target);
        } else if (selection.selectionSet && field !== 'pageInfo') {
          // `nodes` of a connection: the same type's documents.
          visit(selection.selectionSet, uid);
        }
      }
    }
  };
  visit(operation.selectionSet, null);
  return {
    query: operation.operation === 'query',
    uids: [...uids],
    readsUnknown,
    asksForDrafts: /\bDRAFT\b/.test(request.query) || mayHold(request.variables, 'DRAFT'),
  };
}

/**
 * Whether `value` (GraphQL variables: JSON of any depth, as sent) holds the string `wanted`,
 * walked without recursion; past 10 000 values it answers true, the safe side.
 */
function mayHold(value: unknown, wanted: string): boolean {
  const stack: unknown[] = [value];
  for (let seen = 0; stack.length > 0; seen += 1) {
    if (seen > 10_000) return true;
    const next = stack.pop();
    if (next === wanted) return true;
    if (typeof next === 'string' && next.includes(`"${wanted}"`)) return true;
    if (next && typeof next === 'object') stack.push(...Object.values(next as Record<string, unknown>));
  }
  return false;
}
