import type { Response } from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * Codes of requests refused before any operation runs: the client sent something
 * that is not a GraphQL request this service can run. Apollo Server's own codes where
 * it has one; none of them is a server fault.
 */
export enum RequestErrorCode {
  /** 400 for a malformed request, 405 for a method or operation type the transport refuses (as Apollo Server). */
  BadRequest = 'BAD_REQUEST',
  /** 413: the body is over the size limit. */
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  /** 415: not `application/json`, or a charset or content encoding the service cannot read. */
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  /** 400: no operation of that name, or several operations and no `operationName`. */
  OperationResolutionFailure = 'OPERATION_RESOLUTION_FAILURE',
  /** 400: an automatic persisted query hash the service does not know (the client sends the text again). */
  PersistedQueryNotFound = 'PERSISTED_QUERY_NOT_FOUND',
  /** 400: this service takes no persisted queries. */
  PersistedQueryNotSupported = 'PERSISTED_QUERY_NOT_SUPPORTED',
  /** 400: the persisted query hash is not the SHA-256 of the query text sent with it. */
  PersistedQueryHashMismatch = 'PERSISTED_QUERY_HASH_MISMATCH',
  /**
   * 400: the operation is over one of the service's limits (depth, aliases, directives,
   * tokens, cost); `extensions.limit` names it, `maximum` and `measured` give the numbers.
   */
  OperationLimitExceeded = 'OPERATION_LIMIT_EXCEEDED',
  /**
   * 400: the router runs trusted documents only, and this operation (its text's SHA-256,
   * or the `persistedQuery` id sent) is not in its persisted-operation list;
   * `extensions.id` is that id.
   */
  PersistedQueryNotInList = 'PERSISTED_QUERY_NOT_IN_LIST',
  /** 404: no such route. */
  NotFound = 'NOT_FOUND',
  /** 408: the request did not arrive in full in time. */
  RequestTimeout = 'REQUEST_TIMEOUT',
  /** 431: the request line and headers are over Node's limit (16 KiB). */
  RequestHeaderFieldsTooLarge = 'REQUEST_HEADER_FIELDS_TOO_LARGE',
}

const requestCodes = new Set<string>(Object.values(RequestErrorCode));

/** True for the codes of refused requests (meant for the client, never logged as a fault). */
export function isRequestErrorCode(code: unknown): boolean {
  return typeof code === 'string' && requestCodes.has(code);
}

/**
 * A request refused with an HTTP status, a code and a message naming the problem. The
 * code is a RequestErrorCode, or a client code of the shared vocabulary (ErrorCode)
 * when a context function or a middleware refused the request; `extensions` are any
 * others the client reads (`field` of BAD_USER_INPUT).
 */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'RequestError';
  }

  /** The GraphQL response body: `{ errors: [{ message, extensions: { code, …extensions } }] }`. */
  toResponseBody(): { errors: GraphQLFormattedError[] } {
    return { errors: [{ message: this.message, extensions: { ...this.extensions, code: this.code } }] };
  }

  /** The same refusal thrown inside Apollo Server, which answers it with this status and headers. */
  toGraphQLError(): GraphQLError {
    return new GraphQLError(this.message, {
      extensions: {
        ...this.extensions,
        code: this.code,
        http: { status: this.status, headers: new Map(Object.entries(this.headers)) },
      },
    });
  }
}

const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json';

/** Writes the refusal as a GraphQL JSON response, in the media type the client prefers (as Apollo Server does). */
export function sendRequestError(res: Response, error: RequestError): void {
  const type = res.req.accepts(['application/json', GRAPHQL_RESPONSE_TYPE]) || 'application/json';
  res
    .status(error.status)
    .set(error.headers)
    .type(type === GRAPHQL_RESPONSE_TYPE ? `${GRAPHQL_RESPONSE_TYPE}; charset=utf-8` : 'application/json')
    .send(JSON.stringify(error.toResponseBody()));
}
