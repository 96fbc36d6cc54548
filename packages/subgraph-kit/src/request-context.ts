import { GraphQLError } from 'graphql';
import { ErrorCode, isExpectedError } from './errors';
import type { Logger } from './logger';
import { RequestError } from './request-errors';

/** The status of a client error that fails a whole request and names none itself; 400 for codes not listed. */
const STATUS_OF_CODE: Readonly<Record<string, number>> = {
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.RateLimited]: 429,
};

/** Apollo Server's `extensions.http`: the status and headers a GraphQL error asks its response for. */
interface HttpExtension {
  status?: number;
  headers?: Map<string, string>;
}

/**
 * The refusal a GraphQL error with a client code (see `isExpectedError`) stands for when
 * it fails a whole request, thrown from a context function or a middleware rather than a
 * resolver: the status and headers of its own `extensions.http` (a 401's
 * `www-authenticate` challenge), else 401 UNAUTHENTICATED, 403 FORBIDDEN, 404 NOT_FOUND,
 * 409 CONFLICT, 429 RATE_LIMITED and 400 for the rest (BAD_USER_INPUT), with its message and other
 * extensions (`field`). Undefined for anything else: a fault.
 */
export function refusalOfClientError(error: unknown): RequestError | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  const { code, http, ...extensions } = error.extensions;
  if (typeof code !== 'string' || !isExpectedError(code)) return undefined;
  const asked = (http ?? {}) as HttpExtension;
  return new RequestError(
    asked.status ?? STATUS_OF_CODE[code] ?? 400,
    code,
    error.message,
    Object.fromEntries(asked.headers ?? []),
    extensions,
  );
}

/**
 * Runs a service's context function for one request (the router's and every
 * subgraph's). Apollo Server answers an error thrown there with 500 unless it carries
 * `extensions.http`, and no plugin hook it calls knows the request's logger; so here a
 * client error (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, …) leaves with its HTTP
 * status (`refusalOfClientError`) and is logged at debug only, and anything else is
 * logged through `log` (with the request id) as the fault it is, then answered 500
 * INTERNAL_SERVER_ERROR without details.
 */
export async function createRequestContext<TContext>(
  log: Logger,
  create: () => TContext | Promise<TContext>,
): Promise<TContext> {
  try {
    return await create();
  } catch (error) {
    const refusal = refusalOfClientError(error);
    if (!refusal) {
      log.error({ err: error }, 'creating the request context failed');
      throw error;
    }
    log.debug({ code: refusal.code, status: refusal.status }, 'request refused');
    throw refusal.toGraphQLError();
  }
}
