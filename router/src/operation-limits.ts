import { RequestError, RequestErrorCode } from '@agora/subgraph-kit';
import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  type DocumentNode,
  type GraphQLSchema,
  Kind,
  Lexer,
  type OperationDefinitionNode,
  Source,
  TokenKind,
  validate,
} from 'graphql';
import { operationCost } from './operation-cost';

/**
 * The most an operation may have of each (config: MAX_TOKENS, MAX_DEPTH, MAX_ALIASES,
 * MAX_DIRECTIVES, MAX_COST); LIMIT_OFF (0) turns that limit off: it is not even measured.
 */
export interface OperationLimits {
  /** Lexical tokens of the query text (names, punctuation, values; comments are free). */
  tokens: number;
  /** Nested fields (`{ a { b } }` is 2; fragments add no level; introspection's `__schema` is not counted). */
  depth: number;
  /** Aliased fields, each spread of a fragment counting its own (aliases of `__typename` are free). */
  aliases: number;
  /** Directive uses (`@include`, `@skip`, …). */
  directives: number;
  /** The estimated cost (see operationCost): page sizes multiply along nested connections. */
  cost: number;
}

export type OperationLimit = keyof OperationLimits;

/** The limits in the order they are checked: the first one an operation is over is the one its refusal names. */
export const OPERATION_LIMITS: readonly OperationLimit[] = ['tokens', 'depth', 'aliases', 'directives', 'cost'];

/** The value of a limit that is off (so an operation cannot be limited to no aliases or no directives). */
export const LIMIT_OFF = 0;

/** The limits of `limits` that are on. */
export function limitsOn(limits: OperationLimits): OperationLimit[] {
  return OPERATION_LIMITS.filter((limit) => limits[limit] !== LIMIT_OFF);
}

type CountedLimit = 'depth' | 'aliases' | 'directives';

/**
 * What an operation measures (a measure not taken is undefined); cost is undefined when
 * its variables do not coerce, Infinity when too large to walk.
 */
export type OperationMeasures = Partial<Record<CountedLimit, number>> & { cost: number | undefined };

const WHAT: Record<OperationLimit, string> = {
  tokens: 'tokens',
  depth: 'levels of nested fields',
  aliases: 'aliases',
  directives: 'directives',
  cost: 'points of estimated cost',
};

/**
 * The tokens of a query text (comments aside), up to a character the lexer cannot read
 * (Apollo Server reports that one when it parses); it stops counting past `stopAfter`.
 */
export function countTokens(text: string, stopAfter = Infinity): number {
  const lexer = new Lexer(new Source(text));
  let count = 0;
  try {
    while (count <= stopAfter && lexer.advance().kind !== TokenKind.EOF) count += 1;
  } catch {
    // The tokens before it are what a parser would read.
  }
  return count;
}

/** `operation` with the fragments of its document, as a document of its own. */
function operationDocument(document: DocumentNode, operation: OperationDefinitionNode): DocumentNode {
  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  return { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] };
}

/**
 * Depth, aliases and directives as graphql-armor counts them (its rules given no
 * maximum, so that they only measure), and the estimated cost with `variables`, of
 * `operation`, a validated operation of `document`. Only the measures in `only` are
 * taken (all by default); the others are left undefined.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
  only: readonly OperationLimit[] = OPERATION_LIMITS,
): OperationMeasures {
  const single = operationDocument(document, operation);
  const counts: Partial<Record<CountedLimit, number>> = {};
  const keep = (name: CountedLimit) => {
    counts[name] = 0;
    return [
      (_context: unknown, details: { n: number }) => {
        counts[name] = details.n;
      },
    ];
  };
  const rules = [
    only.includes('depth') && maxDepthRule({ n: Infinity, flattenFragments: true, onAccept: keep('depth') }),
    only.includes('aliases') && maxAliasesRule({ n: Infinity, onAccept: keep('aliases') }),
    only.includes('directives') && maxDirectivesRule({ n: Infinity, onAccept: keep('directives') }),
  ].filter((rule) => rule !== false);
  if (rules.length > 0) validate(schema, single, rules);
  return { ...counts, cost: only.includes('cost') ? operationCost(schema, single, variables) : undefined };
}

/**
 * The refusal of an operation over `limit`: 400 OPERATION_LIMIT_EXCEEDED, with
 * `extensions` `{ limit, maximum, measured }`; `measured` is null when counting stopped
 * past the maximum (tokens; a cost too large to walk to the end), passed as Infinity.
 */
export function limitRefusal(limit: OperationLimit, maximum: number, measured: number): RequestError {
  const shown = Number.isFinite(measured) ? String(measured) : `more than ${maximum}`;
  return new RequestError(
    400,
    RequestErrorCode.OperationLimitExceeded,
    `The operation has ${shown} ${WHAT[limit]}; the limit is ${maximum}. Ask for less in one operation.`,
    {},
    { limit, maximum, measured: Number.isFinite(measured) ? measured : null },
  );
}

/** The first limit of OPERATION_LIMITS that `measures` are over, with its refusal. */
function firstExceeded(
  limits: OperationLimits,
  measures: Partial<Record<OperationLimit, number | undefined>>,
): { limit: OperationLimit; refusal: RequestError } | undefined {
  for (const limit of OPERATION_LIMITS) {
    const measured = measures[limit];
    if (measured !== undefined && limits[limit] !== LIMIT_OFF && measured > limits[limit]) {
      return { limit, refusal: limitRefusal(limit, limits[limit], measured) };
    }
  }
  return undefined;
}

export interface OperationLimitGuard {
  /**
   * For the kit's `graphqlRequestChecks({ checkQueryText })`: the refusal of a query text
   * over the token limit, found before anything parses it (it lexes no further).
   */
  checkQueryText: (query: string) => RequestError | undefined;
  /**
   * Apollo Server plugin: refuses an operation over the depth, aliases, directives or
   * cost limit once it is resolved (with its variables, persisted queries too) and
   * before the gateway plans it, so no subgraph hears of it.
   */
  plugin: ApolloServerPlugin;
}

/**
 * Refuses operations over `limits`, calling `onRefusal` with the limit of each refusal
 * (for the metrics). A limit that is off (LIMIT_OFF) is not measured; with all of
 * depth, aliases, directives and cost off the plugin does nothing per request.
 */
export function operationLimitGuard(
  limits: OperationLimits,
  onRefusal: (limit: OperationLimit) => void,
): OperationLimitGuard {
  const refuse = (exceeded: { limit: OperationLimit; refusal: RequestError }): RequestError => {
    onRefusal(exceeded.limit);
    return exceeded.refusal;
  };
  const resolved = limitsOn(limits).filter((limit) => limit !== 'tokens');
  return {
    checkQueryText: (query) => {
      if (limits.tokens === LIMIT_OFF) return undefined;
      const exceeded = countTokens(query, limits.tokens) > limits.tokens;
      return exceeded
        ? refuse({ limit: 'tokens', refusal: limitRefusal('tokens', limits.tokens, Infinity) })
        : undefined;
    },
    plugin: {
      requestDidStart: () =>
        Promise.resolve(
          resolved.length === 0
            ? undefined
            : {
                didResolveOperation: ({ schema, document, operation, request }) => {
                  if (!operation) return Promise.resolve();
                  const measures = measureOperation(schema, document, operation, request.variables, resolved);
                  const exceeded = firstExceeded(limits, measures);
                  if (exceeded) throw refuse(exceeded).toGraphQLError();
                  return Promise.resolve();
                },
              },
        ),
    },
  };
}
