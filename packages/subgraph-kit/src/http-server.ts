import {
  createServer,
  type IncomingMessage,
  maxHeaderSize,
  type RequestListener,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from './logger';
import { RequestError, RequestErrorCode } from './request-errors';

/** What Node's HTTP parser fails a connection with (llhttp's `HPE_*` codes, or a request timeout). */
interface ClientError extends Error {
  code?: string;
  /** llhttp's description of what broke, e.g. "Invalid character in Content-Length". */
  reason?: string;
}

/** The request a connection is answering, to know whether a response is under way on it. */
interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
}

const JSON_TYPE = 'application/json; charset=utf-8';

function badRequest(status: number, message: string, headers: Record<string, string> = {}): RequestError {
  return new RequestError(status, RequestErrorCode.BadRequest, message, headers);
}

/** The refusal for a request Node's HTTP parser could not read. */
function refusalOfParseError(error: ClientError): RequestError {
  switch (error.code ?? '') {
    case 'HPE_HEADER_OVERFLOW':
      return new RequestError(
        431,
        RequestErrorCode.RequestHeaderFieldsTooLarge,
        `The request line and headers are larger than ${maxHeaderSize} bytes.`,
      );
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new RequestError(
        413,
        RequestErrorCode.PayloadTooLarge,
        'The chunk extensions of the request body are too large.',
      );
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new RequestError(408, RequestErrorCode.RequestTimeout, 'The request did not arrive in full in time.');
    default:
      // llhttp's reason is one of its own fixed phrases, never the client's bytes.
      return badRequest(400, `The request is not valid HTTP/1.1${error.reason ? `: ${error.reason}` : ''}.`);
  }
}

/** A whole HTTP/1.1 response for a socket Node's HTTP layer no longer writes to. */
function rawResponse(refusal: RequestError): string {
  const body = JSON.stringify(refusal.toResponseBody());
  const headers = {
    'content-type': JSON_TYPE,
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
    ...refusal.headers,
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return [`HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ''}`, ...head, '', body].join('\r\n');
}

function respond(res: ServerResponse, refusal: RequestError): void {
  const body = JSON.stringify(refusal.toResponseBody());
  res
    .writeHead(refusal.status, {
      ...refusal.headers,
      'content-type': JSON_TYPE,
      'content-length': Buffer.byteLength(body),
      connection: 'close',
    })
    .end(body);
}

/** Answers the requests Node's parser refuses (`clientError`), one connection at a time. */
function parseErrorHandler(exchanges: WeakMap<Duplex, Exchange>, logger: Logger) {
  const refusing = new WeakSet<Duplex>();
  return (error: ClientError, socket: Duplex): void => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    // The parser fails again on every byte that follows; the refusal is already on its way.
    if (refusing.has(socket)) return;
    const current = exchanges.get(socket);
    // The broken request is one whose response has begun: another status line would corrupt it.
    if (current && !current.req.complete && current.res.headersSent) {
      socket.destroy();
      return;
    }
    const refusal = refusalOfParseError(error);
    logger.debug({ code: refusal.code, status: refusal.status }, 'request refused');
    refusing.add(socket);
    const answer = (): void => {
      if (socket.writable) socket.end(rawResponse(refusal));
    };
    // A request before it on this connection is still being answered: the refusal follows its response.
    if (current?.req.complete && !current.res.writableEnded) current.res.once('finish', answer);
    else answer();
  };
}

/**
 * The HTTP server of the router and of every subgraph, around their express `app`. What
 * Node's HTTP layer refuses on its own (with an empty body, or by closing the
 * connection) is answered in the GraphQL JSON error shape too, then the connection is
 * closed; none of it is logged as a fault (debug only):
 *
 * - a request the parser cannot read (`clientError`): 431 REQUEST_HEADER_FIELDS_TOO_LARGE
 *   for a request line and headers over `http.maxHeaderSize` (16 KiB), 408
 *   REQUEST_TIMEOUT when the request does not arrive in time (`headersTimeout`,
 *   `requestTimeout`), 413 PAYLOAD_TOO_LARGE for oversized chunk extensions, else 400
 *   BAD_REQUEST naming what broke (a malformed request line, Content-Length, header or
 *   chunk). It follows the response to an earlier request on the same connection.
 *   Nothing is written to a socket that is gone (ECONNRESET), nor when the broken
 *   request is one whose response has begun (a second status line would corrupt it):
 *   the socket is destroyed;
 * - an HTTP/1.1 request without a Host header (RFC 9112): 400 BAD_REQUEST;
 * - an `Expect` other than 100-continue: 417 BAD_REQUEST;
 * - CONNECT: 405 BAD_REQUEST with `allow: GET, POST`.
 */
export function createHttpServer(app: RequestListener, logger: Logger): Server {
  const exchanges = new WeakMap<Duplex, Exchange>();
  const refused = (refusal: RequestError): RequestError => {
    logger.debug({ code: refusal.code, status: refusal.status }, 'request refused');
    return refusal;
  };

  const server = createServer({ requireHostHeader: false }, (req, res) => {
    exchanges.set(req.socket, { req, res });
    if (req.httpVersion === '1.1' && req.headers.host === undefined) {
      respond(res, refused(badRequest(400, 'An HTTP/1.1 request needs a Host header.')));
      return;
    }
    app(req, res);
  });
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
    exchanges.set(req.socket, { req, res });
    respond(res, refused(badRequest(417, 'Only the expectation "100-continue" is supported.')));
  });
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    const refusal = badRequest(405, 'CONNECT is not allowed here; use GET or POST.', { allow: 'GET, POST' });
    socket.end(rawResponse(refused(refusal)));
  });
  server.on('clientError', parseErrorHandler(exchanges, logger));
  return server;
}
