import {
  GraphQLError,
  Kind,
  getIntrospectionQuery,
  parse,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import { countIntrospectionAnswer } from '../../core/input';

/** The full standard introspection query (graphql-js's, every option on): what GraphiQL and codegen tools send. */
const STANDARD_INTROSPECTION = parse(
  getIntrospectionQuery({
    descriptions: true,
    specifiedByUrl: true,
    directiveIsRepeatable: true,
    schemaDescription: true,
    inputValueDeprecation: true,
    oneOf: true,
  })
);
const STANDARD_OPERATION = STANDARD_INTROSPECTION.definitions.find(
  (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION
)!;
const STANDARD_FRAGMENTS = new Map(
  STANDARD_INTROSPECTION.definitions
    .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
    .map((fragment) => [fragment.name.value, fragment])
);

/**
 * A GraphQL validation rule: an operation's introspection (`__schema`, `__type`) may answer at
 * most `factor` times as many values as the full standard introspection query does on the
 * same schema (core's countIntrospectionAnswer). The bound follows the schema as content types
 * are added, so GraphiQL, Apollo Sandbox and codegen tools keep working, while aliased or
 * repeated introspection (16 wide `__schema`: 29 MB in 5.7 s, within armor's bounds, which skip
 * `__schema`) is refused before anything runs, with the same 400 GRAPHQL_VALIDATION_FAILED as
 * armor's bounds, naming this one.
 *
 * @param factor how many standard introspections' worth one operation may ask; 2 leaves room for
 *   a tool that asks a little more than the standard query.
 */
export function introspectionBound(factor = 2): ValidationRule {
  const limits = new WeakMap<GraphQLSchema, number>();
  const limitFor = (schema: GraphQLSchema): number => {
    let limit = limits.get(schema);
    if (limit === undefined) {
      limit = factor * countIntrospectionAnswer(schema, STANDARD_OPERATION.selectionSet, (name) => STANDARD_FRAGMENTS.get(name));
      limits.set(schema, limit);
    }
    return limit;
  };

  return (context) => ({
    OperationDefinition(operation) {
      const limit = limitFor(context.getSchema());
      const found = countIntrospectionAnswer(context.getSchema(), operation.selectionSet, (name) => context.getFragment(name), limit);
      if (found > limit) {
        context.reportError(
          new GraphQLError(`Introspection limit of ${limit} values (${factor} standard introspections) exceeded.`, { nodes: [operation] })
        );
      }
    },
  });
}
