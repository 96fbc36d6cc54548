import { GraphQLError } from 'graphql';
import { isRequestErrorCode } from './request-errors';

/** The one error vocabulary every Agora service answers with (`extensions.code`). */
export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  /** Too many requests or attempts: `extensions.retryAfterSeconds` says when to try again (HTTP 429 when it fails a request). */
  RateLimited = 'RATE_LIMITED',
  InternalServerError = 'INTERNAL_SERVER_ERROR',
}

function coded(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** Input that fails validation; `field` names the argument path that is wrong. */
export function badUserInput(message: string, field?: string): GraphQLError {
  return coded(ErrorCode.BadUserInput, message, field ? { field } : {});
}

export function unauthenticated(message = 'You must be logged in to do this.'): GraphQLError {
  return coded(ErrorCode.Unauthenticated, message);
}

export function forbidden(message = 'You are not allowed to do this.'): GraphQLError {
  return coded(ErrorCode.Forbidden, message);
}

export function notFound(message: string): GraphQLError {
  return coded(ErrorCode.NotFound, message);
}

export function conflict(message: string): GraphQLError {
  return coded(ErrorCode.Conflict, message);
}

/** Too many attempts; `retryAfterSeconds` (whole seconds, at least 1) says when the next one may succeed. */
export function rateLimited(message: string, retryAfterSeconds: number): GraphQLError {
  return coded(ErrorCode.RateLimited, message, { retryAfterSeconds });
}

const clientCodes = new Set<string>(Object.values(ErrorCode).filter((c) => c !== ErrorCode.InternalServerError));

/** True for errors whose message is meant for the client (anything else is masked). */
export function isClientError(code: unknown): boolean {
  return (
    typeof code === 'string' &&
    (clientCodes.has(code) || code.startsWith('GRAPHQL_') || code === 'PERSISTED_QUERY_NOT_FOUND')
  );
}

/**
 * True for errors a service answers as they are: client errors and refused requests
 * (see RequestErrorCode). Anything else is masked and logged as a fault.
 */
export function isExpectedError(code: unknown): boolean {
  return isClientError(code) || isRequestErrorCode(code);
}
