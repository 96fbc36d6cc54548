import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DocumentNode, GraphQLFormattedError } from 'graphql';
import { inputGuardPlugin } from './argument-guard';
import { ErrorCode, isExpectedError } from './errors';
import type { Deadline } from './deadline';
import type { Caller } from './identity';
import type { Logger } from './logger';

/** What every subgraph's per-request context starts from. */
export interface BaseContext {
  caller: Caller | null;
  requestId: string;
  log: Logger;
  /** The client's network address as the router saw it (the `addr` of a router-signed identity); undefined when not passed. */
  clientAddress?: string;
  /**
   * When the caller stops waiting (DEADLINE_HEADER; the router sets one per client
   * request). Pass it on in SubgraphClient calls (`{ caller, requestId, deadline }`), so
   * they end before the caller gives up; undefined when the caller sent none.
   */
  deadline?: Deadline;
}

export interface SubgraphServerOptions<TContext extends BaseContext, TResolvers extends object> {
  typeDefs: DocumentNode;
  /**
   * Typed by the subgraph's generated `Resolvers` (graphql-codegen,
   * `src/__generated__/resolvers-types.ts`): a resolver for a field or a type the
   * schema does not declare fails to compile. A schema without codegen (a test's
   * own SDL) is typed by Apollo's resolver map, the default.
   */
  resolvers: TResolvers;
  plugins?: ApolloServerPlugin<TContext>[];
}

/**
 * Keeps client errors as they are and masks anything unexpected, keeping its path
 * so a partial result still says which field is missing.
 */
export function maskError(
  formatted: GraphQLFormattedError,
  isExpected: (code: unknown) => boolean = isExpectedError,
): GraphQLFormattedError {
  if (isExpected(formatted.extensions?.code)) return formatted;
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.InternalServerError },
  };
}

/** Logs unexpected errors with the request id before they are masked. */
export function logUnexpectedErrors<TContext extends Pick<BaseContext, 'log'>>(
  isExpected: (code: unknown) => boolean = isExpectedError,
): ApolloServerPlugin<TContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didEncounterErrors: ({ errors, contextValue }) => {
          for (const error of errors) {
            if (!isExpected(error.extensions?.code)) {
              contextValue.log.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error');
            }
          }
          return Promise.resolve();
        },
      }),
  };
}

/**
 * Builds the Apollo subgraph server (no port: tests call `executeOperation`). Every
 * operation's input is checked before any resolver runs (inputGuardPlugin): a
 * control character, an unpaired surrogate or a bidirectional override in any
 * argument, or an entity representation this subgraph cannot resolve (an unknown
 * `__typename`, a key field missing), is BAD_USER_INPUT naming it, whatever the
 * subgraph or field.
 */
export function createSubgraphServer<
  TContext extends BaseContext,
  TResolvers extends object = GraphQLResolverMap<TContext>,
>(options: SubgraphServerOptions<TContext, TResolvers>): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    schema: buildSubgraphSchema({
      typeDefs: options.typeDefs,
      // The one cast: Apollo's map type knows field resolvers only, not codegen's `__resolveReference(reference,
      // context, info)`, which buildSubgraphSchema calls with exactly those arguments.
      resolvers: options.resolvers as GraphQLResolverMap<unknown>,
    }),
    formatError: (formatted) => maskError(formatted),
    includeStacktraceInErrorResponses: false,
    // stopOnSignals (http.ts) owns shutdown: with Apollo's own handler too, two stop()
    // calls race and the second never resolves, so the store would never be closed.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      inputGuardPlugin<TContext>(),
      logUnexpectedErrors<TContext>(),
      ...(options.plugins ?? []),
    ],
  });
}
