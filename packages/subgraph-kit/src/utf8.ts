import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestError, RequestErrorCode } from './request-errors';

/** Throws on bytes that are not UTF-8: invalid, overlong, surrogates, cut short (never replaced by U+FFFD). */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    STRICT_UTF8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * body-parser's `verify` hook, given the raw (inflated) body before it is decoded: a
 * JSON body must be UTF-8 (RFC 8259). Bytes that are not would otherwise be decoded
 * with U+FFFD replacement characters and stored as such. Throws RequestError 415
 * UNSUPPORTED_MEDIA_TYPE for another charset (body-parser takes UTF-16 and UTF-32),
 * 400 BAD_REQUEST for bytes that are not UTF-8.
 */
export function requireUtf8Body(_req: IncomingMessage, _res: ServerResponse, body: Buffer, charset: string): void {
  if (charset !== 'utf-8') {
    throw new RequestError(
      415,
      RequestErrorCode.UnsupportedMediaType,
      `The charset "${charset}" is not supported; send UTF-8.`,
    );
  }
  if (!isUtf8(body)) throw new RequestError(400, RequestErrorCode.BadRequest, 'The request body is not valid UTF-8.');
}

/**
 * Whether the query string of `url` has percent-escapes (`%ff`) whose bytes are not
 * UTF-8, which URLSearchParams would decode to U+FFFD. A run of escapes holds every
 * byte of a character: its other bytes cannot stand unescaped in a URL.
 */
export function hasNonUtf8Escapes(url: string): boolean {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  const runs = query.match(/(?:%[0-9a-f]{2})+/gi) ?? [];
  return runs.some((run) => !isUtf8(Uint8Array.from(run.slice(1).split('%'), (hex) => parseInt(hex, 16))));
}
