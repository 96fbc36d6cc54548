import pino, { type DestinationStream, type Logger } from 'pino';
import { IDENTITY_HEADER } from './identity';

export type { Logger };

/**
 * Headers that carry a credential. The identity header is the router's signature of
 * the caller: whoever reads it can act as that user (the admin included) until it expires.
 */
export const CREDENTIAL_HEADERS = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  IDENTITY_HEADER,
  'x-api-key',
  'x-auth-token',
] as const;

/** `x-agora-identity` -> `X-Agora-Identity`, the spelling of headers built by hand. */
function capitalized(header: string): string {
  return header.replace(/(^|-)([a-z])/g, (_match, dash: string, letter: string) => dash + letter.toUpperCase());
}

/**
 * Where a header can sit in a log line: a `headers` object at the top, or one or two
 * levels down (`req.headers` bound by pino-http to every request log line, `res.headers`,
 * `err.response.headers`).
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
