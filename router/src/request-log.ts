import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type Logger, REQUEST_ID_HEADER } from '@agora/subgraph-kit';
import type { RequestHandler } from 'express';

export interface RequestScope {
  requestId: string;
  log: Logger;
}

const scopes = new WeakMap<IncomingMessage, RequestScope>();

/** A client's id is reused (so logs line up across systems) only when it looks like an id. */
const ACCEPTED_REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * Gives each request an id (the client's x-request-id, or a new one), a child logger
 * carrying it, the id on the response, and one log line when the response is sent.
 */
export function requestLogging(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const offered = req.header(REQUEST_ID_HEADER);
    const requestId = offered && ACCEPTED_REQUEST_ID.test(offered) ? offered : randomUUID();
    const log = logger.child({ requestId });
    scopes.set(req, { requestId, log });
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.info({ method: req.method, url: req.originalUrl, status: res.statusCode, ms }, 'request completed');
    });
    next();
  };
}

/** The scope requestLogging gave this request. */
export function requestScope(req: IncomingMessage, fallback: Logger): RequestScope {
  return scopes.get(req) ?? { requestId: randomUUID(), log: fallback };
}
