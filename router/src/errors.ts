import { isExpectedError, logUnexpectedErrors, maskError } from '@agora/subgraph-kit';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { RouterContext } from './data-source';

/**
 * Meant for the client: the shared vocabulary (which covers what subgraphs send,
 * passed on as they come), refused requests, and a subgraph that is down or slow.
 */
function isRouterClientError(code: unknown): boolean {
  return isExpectedError(code) || code === 'SERVICE_UNAVAILABLE';
}

/** Masks unexpected errors (keeping their path); subgraph and router client errors pass as they are. */
export function maskRouterError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  return maskError(formatted, isRouterClientError);
}

/** Logs unexpected errors with the request id before they are masked. */
export function logUnexpectedRouterErrors(): ApolloServerPlugin<RouterContext> {
  return logUnexpectedErrors<RouterContext>(isRouterClientError);
}
