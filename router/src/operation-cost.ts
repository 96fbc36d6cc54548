import { type DocumentNode, getOperationAST, getVariableValues, type GraphQLSchema } from 'graphql';
import { type ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** The page size a connection answers when `first` is not given (CONTRIBUTING.md, "Paging"). */
export const DEFAULT_PAGE_SIZE = 20;

/**
 * The largest page a paged field serves (CONTRIBUTING.md: connections take at most 100,
 * recommendations 20): a larger `first` is refused by its subgraph with BAD_USER_INPUT
 * before it reads anything, so it costs as this many (and keeps that answer).
 */
export const MAX_PAGE_SIZE = 100;

/** The arguments that say how many items a paged field answers. */
const PAGE_ARGUMENTS = ['first', 'last'];

/**
 * Selections the cost walk visits before it gives up (each spread of a fragment walks it
 * again, so nested fragments can multiply them); an operation past it is over any cost.
 */
const MAX_COST_NODES = 10_000;

/**
 * A field that takes `first` or `last` (the Relay connections and the recommendation
 * lists): 1 plus the cost of its selection times the page size it asks for, the
 * argument's schema default when not given (`recommendations(first: Int = 5)`), else
 * DEFAULT_PAGE_SIZE; between 0 and MAX_PAGE_SIZE. Other fields are left to the next estimator.
 */
const pagedFieldEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (!field.args.some((argument) => PAGE_ARGUMENTS.includes(argument.name))) return undefined;
  const asked = PAGE_ARGUMENTS.map((name): unknown => args[name]).find((value) => typeof value === 'number');
  const pageSize = typeof asked === 'number' ? Math.min(Math.max(asked, 0), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
  return 1 + pageSize * childComplexity;
};

/**
 * The estimated cost of the one operation of `document` (with its variables): every
 * field costs 1 plus its selection's cost, and a paged field multiplies its selection's
 * cost by its page size, so nested connections multiply. A field skipped with
 * `@skip`/`@include` costs nothing. Infinity when the walk passes MAX_COST_NODES
 * selections; undefined when the variables do not coerce (the gateway refuses such an
 * operation before it plans it).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
): number | undefined {
  const definitions = getOperationAST(document)?.variableDefinitions ?? [];
  if (getVariableValues(schema, definitions, variables).errors) return undefined;
  try {
    return getComplexity({
      schema,
      query: document,
      variables,
      maxQueryNodes: MAX_COST_NODES,
      estimators: [pagedFieldEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (error) {
    // graphql-query-complexity's one error once the variables coerce: MAX_COST_NODES passed.
    if (error instanceof Error && /maximum allowed number of nodes/.test(error.message)) return Infinity;
    throw error;
  }
}
