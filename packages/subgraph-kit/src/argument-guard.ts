import type { ApolloServerPlugin } from '@apollo/server';
import {
  getArgumentValues,
  getNamedType,
  getVariableValues,
  GraphQLError,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type ConstDirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { badUserInput } from './errors';
import { representationsProblem } from './representation-guard';
import { textProblem, type TextKind } from './text-guard';

/**
 * The SDL directive that marks an argument or input field as multi-line free text,
 * where tabs and line breaks are allowed. A subgraph that has such fields declares
 * it in its schema.graphql (it stays out of the supergraph):
 *
 *     directive @multiline on ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION
 */
export const MULTILINE_DIRECTIVE = 'multiline';

/** The field a federation router fetches entities through, `_entities(representations: [_Any!]!)`. */
const ENTITIES_FIELD = '_entities';

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Fragments already walked: a fragment used twice is checked once. */
  walked: Set<string>;
}

interface Problem {
  field: string;
  message: string;
}

function kindOf(astNode: { directives?: readonly ConstDirectiveNode[] } | null | undefined): TextKind {
  return astNode?.directives?.some((directive) => directive.name.value === MULTILINE_DIRECTIVE)
    ? 'multi-line'
    : 'single-line';
}

/** Any JSON-like value of a custom scalar (an `_Any` entity representation): every string in it, keys too. */
function checkLoose(value: unknown, path: string): Problem | null {
  if (typeof value === 'string') {
    const message = textProblem(value);
    return message ? { field: path, message } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const problem = checkLoose(item, `${path}.${index}`);
      if (problem) return problem;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const problem = checkLoose(key, path) ?? checkLoose(item, `${path}.${key}`);
      if (problem) return problem;
    }
  }
  return null;
}

/** A coerced argument or input-field value of `type`, walked down to its strings. */
function checkValue(type: GraphQLInputType, value: unknown, path: string, kind: TextKind): Problem | null {
  if (value === null || value === undefined) return null;
  if (isNonNullType(type)) return checkValue(type.ofType, value, path, kind);
  if (isListType(type)) {
    const items: unknown[] = Array.isArray(value) ? value : [value];
    for (const [index, item] of items.entries()) {
      const problem = checkValue(type.ofType, item, `${path}.${index}`, kind);
      if (problem) return problem;
    }
    return null;
  }
  if (isInputObjectType(type)) {
    const fields = value as Record<string, unknown>;
    for (const field of Object.values(type.getFields())) {
      const problem = checkValue(field.type, fields[field.name], `${path}.${field.name}`, kindOf(field.astNode));
      if (problem) return problem;
    }
    return null;
  }
  // An enum's coerced value is one of its own, never client text.
  if (isEnumType(type)) return null;
  if (typeof value === 'string') {
    const message = textProblem(value, kind);
    return message ? { field: path, message } : null;
  }
  return checkLoose(value, path);
}

/** Every field the selection set selects, fragments included, with its coerced arguments checked. */
function checkSelections(walk: Walk, parent: GraphQLCompositeType, selectionSet: SelectionSetNode): Problem | null {
  for (const selection of selectionSet.selections) {
    let problem: Problem | null = null;
    if (selection.kind === Kind.FIELD) {
      const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : null;
      if (!field) continue; // __typename, introspection
      if (field.args.length > 0) {
        let values: Record<string, unknown>;
        try {
          values = getArgumentValues(field, selection, walk.variables);
        } catch {
          continue; // Not coercible: execution answers that with its own error.
        }
        for (const argument of field.args) {
          problem = checkValue(argument.type, values[argument.name], argument.name, kindOf(argument.astNode));
          if (problem) return problem;
        }
        if (parent === walk.schema.getQueryType() && field.name === ENTITIES_FIELD) {
          problem = representationsProblem(walk.schema, values.representations);
          if (problem) return problem;
        }
      }
      const type = getNamedType(field.type);
      if (selection.selectionSet && isCompositeType(type))
        problem = checkSelections(walk, type, selection.selectionSet);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      if (isCompositeType(type)) problem = checkSelections(walk, type, selection.selectionSet);
    } else {
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      const type = fragment ? walk.schema.getType(fragment.typeCondition.name.value) : null;
      if (fragment && !walk.walked.has(name) && isCompositeType(type)) {
        walk.walked.add(name);
        problem = checkSelections(walk, type, fragment.selectionSet);
      }
    }
    if (problem) return problem;
  }
  return null;
}

/**
 * Checks every string the operation passes to any field, as the resolvers would
 * receive it: arguments, input-object fields (nested, lists included), ids, strings
 * used as enums and the representations of `_entities`. Tabs and line breaks pass
 * only where the schema marks the argument or input field `@multiline`. Then checks
 * that each representation of `_entities` is one this subgraph resolves (see
 * representationsProblem). Returns the first problem as a `BAD_USER_INPUT` error
 * naming the field (`input.name: must not contain control characters`,
 * `representations.0.id: is required by the key of Product`), or null when all is
 * acceptable or the variables do not coerce (execution reports that).
 */
export function checkOperationInput(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown> = {},
): GraphQLError | null {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  if (coerced.errors) return null;
  const root = schema.getRootType(operation.operation);
  if (!root) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const walk: Walk = { schema, fragments, variables: coerced.coerced, walked: new Set() };
  const problem = checkSelections(walk, root, operation.selectionSet);
  return problem ? badUserInput(`${problem.field}: ${problem.message}`, problem.field) : null;
}

/**
 * Refuses an operation with unacceptable text or entity representations (see
 * checkOperationInput) once it is parsed and validated, before any resolver runs, so
 * nothing is written and nothing is logged as a fault. The answer is HTTP 200 like
 * any other field error, so the router passes it on as it is.
 */
export function inputGuardPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ schema, document, operation, request }) => {
          const error = operation ? checkOperationInput(schema, document, operation, request.variables) : null;
          if (!error) return Promise.resolve();
          return Promise.reject(
            new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 200 } } }),
          );
        },
      }),
  };
}
