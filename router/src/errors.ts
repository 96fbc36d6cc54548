import { isClientError, logUnexpectedErrors, maskError } from '@agora/subgraph-kit';
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

/** Masks unexpected errors (keeping their path); subgraph and router client errors pass as they are. */
export function maskRouterError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  return maskError(formatted, isRouterClientError);
}

/** Logs unexpected errors with the request id before they are masked. */
export function logUnexpectedRouterErrors(): ApolloServerPlugin<RouterContext> {
  return logUnexpectedErrors<RouterContext>(isRouterClientError);
}
