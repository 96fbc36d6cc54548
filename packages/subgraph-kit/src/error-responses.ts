import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { ErrorCode } from './errors';
import type { Logger } from './logger';
import { refusalOfClientError } from './request-context';
import { RequestError, RequestErrorCode, sendRequestError } from './request-errors';

/** What body-parser (through http-errors) fails a request with. */
interface HttpError extends Error {
  status: number;
  type?: string;
  limit?: number;
  charset?: string;
  encoding?: string;
}

function isClientHttpError(error: unknown): error is HttpError {
  const status = (error as { status?: unknown } | null)?.status;
  return error instanceof Error && typeof status === 'number' && status >= 400 && status < 500;
}

/** The refusal a client error stands for, or undefined for a server fault. */
function refusalOf(error: unknown): RequestError | undefined {
  if (error instanceof RequestError) return error;
  if (!isClientHttpError(error)) return refusalOfClientError(error);
  switch (error.type ?? 'unknown') {
    case 'entity.too.large':
      return new RequestError(
        413,
        RequestErrorCode.PayloadTooLarge,
        error.limit ? `The request body is larger than ${error.limit} bytes.` : 'The request body is too large.',
      );
    case 'charset.unsupported':
      return new RequestError(
        415,
        RequestErrorCode.UnsupportedMediaType,
        `The charset "${error.charset ?? ''}" is not supported; send UTF-8.`,
      );
    case 'encoding.unsupported':
      return new RequestError(
        415,
        RequestErrorCode.UnsupportedMediaType,
        `The content encoding "${error.encoding ?? ''}" is not supported; send gzip, deflate, br or none.`,
      );
    case 'entity.parse.failed':
      return new RequestError(400, RequestErrorCode.BadRequest, `The request body is not valid JSON: ${error.message}`);
    default:
      // Aborted, shorter or longer than its Content-Length, or a compressed body that does not inflate.
      return new RequestError(
        400,
        RequestErrorCode.BadRequest,
        `The request body could not be read: ${error.message}.`,
      );
  }
}

/** 404 NOT_FOUND as a GraphQL JSON response, for the end of an app's routes. */
export const routeNotFound: RequestHandler = (req, _res, next) => {
  next(new RequestError(404, RequestErrorCode.NotFound, `There is no ${req.method} ${req.path} here.`));
};

/**
 * Express's last error handler: every failure leaves as a GraphQL JSON response,
 * never express's HTML page with a stack trace. A refused request (RequestError, a
 * body-parser error, or a GraphQL error with a client code thrown by a middleware, see
 * `refusalOfClientError`) gets its 4xx status and code and is not logged as a fault;
 * anything else is logged at error level through `logFor(req)` and answered
 * 500 INTERNAL_SERVER_ERROR without details.
 */
export function graphqlErrorHandler(logFor: (req: Request) => Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const refusal = refusalOf(error);
    if (refusal) {
      // The message may quote the body (a password in a broken login): code and status only.
      logFor(req).debug({ code: refusal.code, status: refusal.status }, 'request refused');
      if (!res.headersSent) sendRequestError(res, refusal);
      return;
    }
    logFor(req).error({ err: error }, 'unexpected error handling the request');
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    res
      .status(500)
      .json({ errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.InternalServerError } }] });
  };
}
