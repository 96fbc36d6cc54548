import { ErrorCode, isClientError } from '@agora/subgraph-kit';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { RouterContext } from './data-source';

/**
 * Codes the router itself answers with that are meant for the client, on top of
 * the shared vocabulary (which covers what subgraphs send, passed on as they come).
 */
const ROUTER_CLIENT_CODES = new Set([
  'SERVICE_UNAVAILABLE',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

function isRouterClientError(code: unknown): boolean {
  return isClientError(code) || (typeof code === 'string' && ROUTER_CLIENT_CODES.has(code));
}

/**
 * Keeps client errors as they are and masks anything unexpected, keeping its path
 * so a partial result still says which field is missing.
 */
export function maskRouterError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (isRouterClientError(formatted.extensions?.code)) return formatted;
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.InternalServerError },
  };
}

/** Logs unexpected errors with the request id before they are masked. */
export function logUnexpectedErrors(): ApolloServerPlugin<RouterContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didEncounterErrors: ({ errors, contextValue }) => {
          for (const error of errors) {
            if (!isRouterClientError(error.extensions?.code)) {
              contextValue.log.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error');
            }
          }
          return Promise.resolve();
        },
      }),
  };
}
