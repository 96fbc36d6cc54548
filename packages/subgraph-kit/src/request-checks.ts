import { createHash } from 'node:crypto';
import express, { type Request, type RequestHandler } from 'express';
import { type DocumentNode, parse } from 'graphql';
import { operationFailure } from './operation-checks';
import { RequestError, RequestErrorCode } from './request-errors';
import { hasNonUtf8Escapes, requireUtf8Body } from './utf8';

export interface GraphQLRequestChecksOptions {
  /** Largest request body taken, in bytes (after decompression); a larger one gets 413. Default 1 MiB. */
  bodyLimitBytes?: number;
  /** Whether automatic persisted queries are taken; without them any `persistedQuery` gets 400. */
  persistedQueries: boolean;
  /**
   * A check of the query text before anything parses it (the router's token limit):
   * the refusal to answer, or undefined to go on.
   */
  checkQueryText?: (query: string) => RequestError | undefined;
}

interface GraphQLParams {
  query?: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
}

const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
const ALLOWED_METHODS = 'GET, POST';
const JSON_TYPE = 'application/json';
/** Apollo Server's CSRF-prevention headers: a browser sends them cross-site only after a CORS preflight. */
const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];
const SHA256_HEX = /^[0-9a-f]{64}$/;

function badRequest(message: string): RequestError {
  return new RequestError(400, RequestErrorCode.BadRequest, message);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function mediaType(req: Request): string | undefined {
  const header = req.headers['content-type'];
  return header ? header.split(';')[0]?.trim().toLowerCase() : undefined;
}

const checkMethod: RequestHandler = (req, res, next) => {
  if (req.method === 'GET' || req.method === 'POST') return next();
  if (req.method === 'OPTIONS') {
    res.set('allow', ALLOWED_METHODS).status(204).end();
    return;
  }
  next(
    new RequestError(405, RequestErrorCode.BadRequest, `${req.method} is not allowed here; use GET or POST.`, {
      allow: ALLOWED_METHODS,
    }),
  );
};

const checkContentType: RequestHandler = (req, _res, next) => {
  const type = mediaType(req);
  if (req.method === 'POST' && type !== JSON_TYPE) {
    const got = type ? `"${type}"` : 'no Content-Type';
    return next(
      new RequestError(415, RequestErrorCode.UnsupportedMediaType, `A POST body must be ${JSON_TYPE} (got ${got}).`),
    );
  }
  if (req.method === 'GET' && type !== undefined && type !== JSON_TYPE) {
    return next(
      new RequestError(
        415,
        RequestErrorCode.UnsupportedMediaType,
        `A GET request may only have Content-Type ${JSON_TYPE} (got "${type}").`,
      ),
    );
  }
  next();
};

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`"${name}" must be a string, not ${describeJson(value)}.`);
  return value;
}

function optionalRecord(value: unknown, name: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw badRequest(`"${name}" must be a JSON object, not ${describeJson(value)}.`);
  return value;
}

function postParams(req: Request): GraphQLParams {
  const body: unknown = req.body;
  if (req.headers['content-length'] === '0')
    throw badRequest('The request body is empty; send a JSON object with a "query".');
  if (Array.isArray(body))
    throw badRequest('Batched operations (a JSON array) are not supported; send one operation per request.');
  if (!isRecord(body)) throw badRequest(`The request body must be a JSON object, not ${describeJson(body)}.`);
  return {
    query: optionalString(body.query, 'query'),
    operationName: optionalString(body.operationName, 'operationName'),
    variables: optionalRecord(body.variables, 'variables'),
    extensions: optionalRecord(body.extensions, 'extensions'),
  };
}

function prefersHtml(req: Request): boolean {
  return req.accepts([JSON_TYPE, 'application/graphql-response+json', 'text/html']) === 'text/html';
}

/** GET parameters as Apollo Server reads them; undefined for a browser asking for the landing page. */
function getParams(req: Request): GraphQLParams | undefined {
  if (prefersHtml(req)) return undefined;
  if (mediaType(req) === undefined && !PREFLIGHT_HEADERS.some((name) => req.header(name))) {
    throw badRequest(
      `A GET operation needs a non-empty ${PREFLIGHT_HEADERS.join(' or ')} header, or Content-Type ${JSON_TYPE}, ` +
        'so that another site cannot send it from a browser (CSRF).',
    );
  }
  if (hasNonUtf8Escapes(req.originalUrl)) throw badRequest('The query string is not valid UTF-8 once percent-decoded.');
  const search = new URL(req.originalUrl, 'http://localhost').searchParams;
  const single = (name: string): string | undefined => {
    const values = search.getAll(name);
    if (values.length > 1) throw badRequest(`The "${name}" parameter may be given only once.`);
    return values[0];
  };
  const json = (name: string): Record<string, unknown> | undefined => {
    const raw = single(name);
    if (raw === undefined) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw badRequest(`The "${name}" parameter is not valid JSON.`);
    }
    return optionalRecord(value, name);
  };
  return {
    query: single('query'),
    operationName: single('operationName'),
    variables: json('variables'),
    extensions: json('extensions'),
  };
}

function checkPersistedQuery(params: GraphQLParams, options: GraphQLRequestChecksOptions): void {
  const persisted = params.extensions?.persistedQuery;
  if (persisted === undefined || persisted === null) {
    if (!params.query) throw badRequest('The request has no "query".');
    return;
  }
  if (!options.persistedQueries) {
    throw new RequestError(
      400,
      RequestErrorCode.PersistedQueryNotSupported,
      'Persisted queries are not supported here; send the query text.',
    );
  }
  if (!isRecord(persisted))
    throw badRequest(`"extensions.persistedQuery" must be a JSON object, not ${describeJson(persisted)}.`);
  if (persisted.version !== 1) throw badRequest('Only version 1 of persisted queries is supported.');
  const hash = persisted.sha256Hash;
  if (typeof hash !== 'string' || !SHA256_HEX.test(hash)) {
    throw badRequest('"extensions.persistedQuery.sha256Hash" must be a SHA-256 hash in lower-case hex.');
  }
  if (params.query !== undefined && createHash('sha256').update(params.query).digest('hex') !== hash) {
    throw new RequestError(
      400,
      RequestErrorCode.PersistedQueryHashMismatch,
      'The persisted query hash is not the SHA-256 of the query text.',
    );
  }
}

function checkOperation(params: GraphQLParams, method: string, options: GraphQLRequestChecksOptions): void {
  if (!params.query) return;
  const refusal = options.checkQueryText?.(params.query);
  if (refusal) throw refusal;
  let document: DocumentNode;
  try {
    document = parse(params.query, { noLocation: true });
  } catch {
    // Apollo Server answers it as GRAPHQL_PARSE_FAILED, with where the syntax breaks.
    return;
  }
  const failure = operationFailure(document, params.operationName, method);
  if (failure) throw failure;
}

function checkParams(options: GraphQLRequestChecksOptions): RequestHandler {
  return (req, _res, next) => {
    try {
      const params = req.method === 'POST' ? postParams(req) : getParams(req);
      if (params) {
        checkPersistedQuery(params, options);
        checkOperation(params, req.method, options);
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}

/**
 * Express handlers to put before Apollo Server's on a GraphQL route. They refuse every
 * request that is not one operation Apollo Server can run, as a RequestError for
 * `graphqlErrorHandler` to answer: a method other than GET/POST (405), a body that is
 * not JSON or not in UTF-8 (415), too large (413), malformed or not valid UTF-8 (400),
 * a GET query string whose percent-escapes are not UTF-8 (400), fields of the wrong type, a
 * missing query, a batch, a persisted query that is not taken or does not match, a query
 * text `checkQueryText` refuses, an operation that cannot be resolved or run over HTTP. Consistent on every service,
 * whatever each one's Apollo Server would say or mask.
 */
export function graphqlRequestChecks(options: GraphQLRequestChecksOptions): RequestHandler[] {
  return [
    checkMethod,
    checkContentType,
    express.json({ limit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES, strict: false, verify: requireUtf8Body }),
    checkParams(options),
  ];
}
