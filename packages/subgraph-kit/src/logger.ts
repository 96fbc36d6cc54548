import pino, { type DestinationStream, type Logger } from 'pino';
import { IDENTITY_HEADER } from './identity';

export type { Logger };

/**
 * Headers that carry a credential, redacted wherever a `headers` object sits in a log
 * line: a second line of defence, since request log lines carry no request headers at
 * all (see `loggedRequest`) and a proxy or client may invent any other name. The
 * identity header is the router's signature of the caller: whoever reads it can act as
 * that user (the admin included) until it expires.
 */
export const CREDENTIAL_HEADERS = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  IDENTITY_HEADER,
  'x-api-key',
  'x-auth-token',
  'x-access-token',
  'x-refresh-token',
  'x-forwarded-authorization',
  'x-csrf-token',
  'x-xsrf-token',
  'x-amz-security-token',
] as const;

/** `x-agora-identity` -> `X-Agora-Identity`, the spelling of headers built by hand. */
function capitalized(header: string): string {
  return header.replace(/(^|-)([a-z])/g, (_match, dash: string, letter: string) => dash + letter.toUpperCase());
}

/**
 * Where a header can sit in a log line: a `headers` object at the top, or one or two
 * levels down (`res.headers`, `err.response.headers`).
 */
const REDACTED_PATHS = CREDENTIAL_HEADERS.flatMap((header) =>
  [header, capitalized(header)].flatMap((name) => [
    `headers["${name}"]`,
    `*.headers["${name}"]`,
    `*.*.headers["${name}"]`,
  ]),
);

/**
 * One JSON logger per service; the request logger is a child of it. The values of
 * credential headers are replaced by "[Redacted]" in every line, children included.
 * Lines go to stdout, or to `destination` (tests read what was logged from it).
 */
export function createLogger(service: string, level = 'info', destination?: DestinationStream): Logger {
  return pino({ name: service, level, redact: { paths: REDACTED_PATHS } }, destination);
}

/** A request as log lines show it: what an operator needs to find it, nothing the client may have put a secret in. */
export interface LoggedRequest {
  id: string;
  method: string;
  /** Without the query string: a GET's carries the operation's variables, which may be personal data. */
  path: string;
  remoteAddress?: string;
}

/** The request fields of a log line (`req` of every request log line): never its headers, body or query string. */
export function loggedRequest(request: {
  id: unknown;
  method: string;
  url: string;
  remoteAddress?: string;
}): LoggedRequest {
  return {
    id: String(request.id),
    method: request.method,
    path: requestPath(request.url),
    ...(request.remoteAddress ? { remoteAddress: request.remoteAddress } : {}),
  };
}

/** `/graphql?query=…` -> `/graphql`. */
export function requestPath(url: string): string {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}
