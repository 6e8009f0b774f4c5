import {
  Kind,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLDirective,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLSchema,
  type GraphQLType,
  type SelectionSetNode,
} from 'graphql';

/** A value of the introspection schema (GraphQL spec §4.2): what a selection set is applied to. */
type IntrospectionValue =
  | { kind: '__Schema' }
  | { kind: '__Type'; type: GraphQLType }
  | { kind: '__Field'; field: GraphQLField<unknown, unknown> }
  | { kind: '__InputValue'; value: GraphQLArgument | GraphQLInputField }
  | { kind: '__EnumValue' }
  | { kind: '__Directive'; directive: GraphQLDirective };

/** What one field of an introspection value answers: a scalar, a list of n scalars, a value, a list of values, or null. */
type Answer = { scalars: number } | IntrospectionValue | IntrospectionValue[] | null;

class OverLimit extends Error {}

/**
 * How many values the introspection in an operation would answer (`__schema` and `__type`
 * fields among its root selections, through fragments and inline fragments, once per alias):
 * every field of every answered object counts 1, and a list counts its elements' fields (a
 * list of scalars, a directive's `locations`, counts its length). It is computed from the
 * schema itself, not from the document's shape, because introspection's lists (every type,
 * every field, every argument, every input field) are as long as the schema is big: armor's
 * cost and depth rules skip `__schema` altogether and price `__type` by its shape, so 16 wide
 * `__schema` selections answered 29 MB in 5.7 s within every other bound.
 *
 * An upper bound where execution would answer less: `@skip`/`@include` and
 * `includeDeprecated: false` are ignored, a field selected twice under one key counts twice,
 * and `__type(name: $variable)` counts as if it asked every named type of the schema.
 *
 * @param schema the schema the operation runs against.
 * @param selectionSet the operation's root selection set; fields other than `__schema` and
 *   `__type` (and what is below them) are not counted.
 * @param fragmentNamed the document's fragment by name (a ValidationContext's getFragment);
 *   unknown names and spreads already being expanded (a cycle) count nothing.
 * @param limit counting stops once the count passes it, so the work is O(limit) whatever the
 *   document asks.
 * @returns the count, or limit + 1 when over the limit.
 */
export function countIntrospectionAnswer(
  schema: GraphQLSchema,
  selectionSet: SelectionSetNode,
  fragmentNamed: (name: string) => FragmentDefinitionNode | null | undefined,
  limit = Number.POSITIVE_INFINITY
): number {
  let count = 0;
  const add = (n: number) => {
    count += n;
    if (count > limit) throw new OverLimit();
  };
  const expanding = new Set<string>();

  const eachField = (set: SelectionSetNode, visit: (field: FieldNode) => void): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) visit(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) eachField(selection.selectionSet, visit);
      else {
        const name = selection.name.value;
        const fragment = expanding.has(name) ? null : fragmentNamed(name);
        if (!fragment) continue;
        expanding.add(name);
        eachField(fragment.selectionSet, visit);
        expanding.delete(name);
      }
    }
  };

  const walk = (value: IntrospectionValue, set: SelectionSetNode): void =>
    eachField(set, (field) => {
      add(1);
      const answer = answerOf(schema, value, field.name.value);
      if (answer === null) return;
      if ('scalars' in answer) {
        add(answer.scalars);
        return;
      }
      if (!field.selectionSet) return;
      for (const element of Array.isArray(answer) ? answer : [answer]) walk(element, field.selectionSet);
    });

  try {
    eachField(selectionSet, (field) => {
      if (field.name.value === '__schema') {
        add(1);
        if (field.selectionSet) walk({ kind: '__Schema' }, field.selectionSet);
      } else if (field.name.value === '__type') {
        add(1);
        if (field.selectionSet) for (const type of typesNamedBy(schema, field)) walk({ kind: '__Type', type }, field.selectionSet);
      }
    });
  } catch (error) {
    if (error instanceof OverLimit) return limit + 1;
    throw error;
  }
  return count;
}

/** The type `__type(name:)` answers: the one named by a literal, every named type for a variable, none otherwise. */
function typesNamedBy(schema: GraphQLSchema, field: FieldNode): GraphQLType[] {
  const name = field.arguments?.find((argument) => argument.name.value === 'name')?.value;
  if (name?.kind === Kind.STRING) {
    const type = schema.getType(name.value);
    return type ? [type] : [];
  }
  return name?.kind === Kind.VARIABLE ? Object.values(schema.getTypeMap()) : [];
}

const SCALAR: Answer = { scalars: 0 };

/** What `field` of an introspection value answers, as graphql-js's introspection resolvers do. */
function answerOf(schema: GraphQLSchema, value: IntrospectionValue, field: string): Answer {
  if (field === '__typename') return SCALAR;
  switch (value.kind) {
    case '__Schema':
      if (field === 'types') return Object.values(schema.getTypeMap()).map((type) => ({ kind: '__Type', type }));
      if (field === 'directives') return schema.getDirectives().map((directive) => ({ kind: '__Directive', directive }));
      if (field === 'queryType') return typeOrNull(schema.getQueryType());
      if (field === 'mutationType') return typeOrNull(schema.getMutationType());
      if (field === 'subscriptionType') return typeOrNull(schema.getSubscriptionType());
      return SCALAR;
    case '__Type': {
      const { type } = value;
      if (field === 'ofType') return isListType(type) || isNonNullType(type) ? typeValue(type.ofType) : null;
      if (field === 'fields') {
        return isObjectType(type) || isInterfaceType(type)
          ? Object.values(type.getFields()).map((f) => ({ kind: '__Field', field: f as GraphQLField<unknown, unknown> }))
          : null;
      }
      if (field === 'interfaces') return isObjectType(type) || isInterfaceType(type) ? type.getInterfaces().map(typeValue) : null;
      if (field === 'possibleTypes') return isAbstractType(type) ? schema.getPossibleTypes(type).map(typeValue) : null;
      if (field === 'enumValues') return isEnumType(type) ? type.getValues().map(() => ({ kind: '__EnumValue' })) : null;
      if (field === 'inputFields') {
        return isInputObjectType(type) ? Object.values(type.getFields()).map((input) => ({ kind: '__InputValue', value: input })) : null;
      }
      return SCALAR;
    }
    case '__Field':
      if (field === 'args') return value.field.args.map((arg) => ({ kind: '__InputValue', value: arg }));
      if (field === 'type') return typeValue(value.field.type);
      return SCALAR;
    case '__InputValue':
      return field === 'type' ? typeValue(value.value.type) : SCALAR;
    case '__Directive':
      if (field === 'args') return value.directive.args.map((arg) => ({ kind: '__InputValue', value: arg }));
      if (field === 'locations') return { scalars: value.directive.locations.length };
      return SCALAR;
    default:
      return SCALAR;
  }
}

function typeValue(type: GraphQLType): IntrospectionValue {
  return { kind: '__Type', type };
}

function typeOrNull(type: GraphQLType | null | undefined): IntrospectionValue | null {
  return type ? typeValue(type) : null;
}
