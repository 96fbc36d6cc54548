import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type Logger, REQUEST_ID_HEADER, requestIdFrom, requestPath } from '@agora/subgraph-kit';
import { tagRequest } from '@agora/telemetry';
import type { RequestHandler } from 'express';

export interface RequestScope {
  requestId: string;
  log: Logger;
}

const scopes = new WeakMap<IncomingMessage, RequestScope>();

/**
 * Gives each request an id (the client's x-request-id, or a new one), a child logger
 * carrying it (and nothing else of the request: no headers), the id on the response and
 * on the request's trace span,
 * and one log line when the response is sent.
 */
export function requestLogging(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const requestId = requestIdFrom(req.header(REQUEST_ID_HEADER));
    tagRequest(requestId);
    const log = logger.child({ requestId });
    scopes.set(req, { requestId, log });
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const started = process.hrtime.bigint();
    const remoteAddress = req.socket.remoteAddress;
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // No headers, and the path only: a GET's query string carries the operation's variables.
      log.info(
        { method: req.method, path: requestPath(req.originalUrl), remoteAddress, status: res.statusCode, ms },
        'request completed',
      );
    });
    next();
  };
}

/** The scope requestLogging gave this request. */
export function requestScope(req: IncomingMessage, fallback: Logger): RequestScope {
  return scopes.get(req) ?? { requestId: randomUUID(), log: fallback };
}
