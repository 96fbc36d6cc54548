import { z } from 'zod';
import { badUserInput } from './errors';
import { textProblem } from './text-guard';

/**
 * Relay cursors. A cursor is opaque to clients: base64url of a JSON array holding
 * where a page stopped (its last row's sort keys). Each connection describes its
 * cursor once, as a tuple of the field schemas below, and gets back one codec that
 * writes cursors and reads them back checked for type AND range: a value that
 * reaches a query is one its column can hold, so a forged cursor is the client's
 * mistake (BAD_USER_INPUT), never a database error.
 */

/** Longer cursors are refused unread (characters); the longest real one is far shorter. */
export const MAX_CURSOR_LENGTH = 2048;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * The instants a cursor may hold: ISO years 0001 to 9999, which JavaScript writes
 * with four digits and PostgreSQL's timestamptz reads (it refuses year 0 and the
 * six-digit years JavaScript writes beyond 9999).
 */
export const CURSOR_TIME_RANGE = {
  min: new Date('0001-01-01T00:00:00.000Z'),
  max: new Date('9999-12-31T23:59:59.999Z'),
} as const;

/** The smallest magnitude PostgreSQL's `real` keeps (a float4 subnormal); anything closer to 0 but not 0 underflows. */
const FLOAT4_MIN = 1.401298464324817e-45;

/** Whether PostgreSQL's `real` (float4) holds `value`: 0, or a magnitude that neither overflows nor underflows. */
function fitsFloat4(value: number): boolean {
  const rounded = Math.fround(value);
  return Number.isFinite(rounded) && (value === 0 || Math.abs(value) >= FLOAT4_MIN);
}

const instant = z.date().min(CURSOR_TIME_RANGE.min).max(CURSOR_TIME_RANGE.max);

/** The field schemas a cursor tuple is made of; each checks type and range. */
export const cursorField = {
  /** An instant, written as ISO-8601 UTC with milliseconds (`2026-01-02T03:04:05.678Z`), read as a Date in CURSOR_TIME_RANGE. */
  timestamp: () =>
    z.codec(z.iso.datetime({ precision: 3 }), instant, {
      decode: (text) => new Date(text),
      encode: (date) => date.toISOString(),
    }),
  /** An instant, written as integer milliseconds since 1970 (UTC), read as a Date in CURSOR_TIME_RANGE. */
  epochMs: () =>
    z.codec(z.int(), instant, {
      decode: (ms) => new Date(ms),
      encode: (date) => date.getTime(),
    }),
  /** A UUID in its hyphenated hex form, as a PostgreSQL `uuid` column takes it. */
  uuid: () => z.guid(),
  /** A finite number PostgreSQL's `real` (float4) holds without overflow or underflow; chain `.min()` / `.max()` for a narrower range. */
  real: () => z.number().refine(fitsFloat4, 'must fit a real (float4)'),
  /** An integer within [min, max] (both safe integers). */
  integer: (range: { min: number; max: number }) => z.int().min(range.min).max(range.max),
  /** One of `values` (an enum, or a single literal). */
  oneOf: <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values),
  /**
   * Text of 1 to `maxLength` characters that the text guard accepts in a single-line
   * argument (textProblem): a cursor holds only text a client could have sent, so a
   * control character, an unpaired surrogate or a bidirectional override never
   * reaches a query or a log through one.
   */
  text: (maxLength: number) =>
    z
      .string()
      .min(1)
      .max(maxLength)
      .refine((text) => textProblem(text, 'single-line') === null, 'must be text a client could send'),
};

/** Reads and writes the cursors of one connection. */
export interface CursorCodec<TValues> {
  /** The cursor of a position (throws on values outside the schema: a server bug, not a client's). */
  encode(values: TValues): string;
  /**
   * The position `cursor` points at. Anything that is not exactly a cursor `encode`
   * writes (not base64url, not JSON, wrong arity, a value of the wrong type or out
   * of range, anything extra) is BAD_USER_INPUT `<field>: is not a valid cursor`.
   */
  decode(cursor: string, field?: string): TValues;
}

function toText(json: unknown): string {
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

function fromText(cursor: string): unknown {
  if (cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The codec of a cursor holding one value per field, in order, e.g.
 * `cursorCodec(cursorField.timestamp(), cursorField.uuid())` for newest-first pages.
 */
export function cursorCodec<const TFields extends [z.ZodType, ...z.ZodType[]]>(
  ...fields: TFields
): CursorCodec<z.output<z.ZodTuple<TFields, null>>> {
  const schema = z.tuple(fields);
  type Values = z.output<typeof schema>;
  return {
    encode: (values: Values) => toText(schema.encode(values)),
    decode(cursor: string, field = 'after'): Values {
      const parsed = schema.safeParse(fromText(cursor));
      if (parsed.success) {
        // Written back, a cursor must be itself: no padding, spacing, spelling or precision of its own.
        const written = schema.safeEncode(parsed.data);
        if (written.success && toText(written.data) === cursor) return parsed.data;
      }
      throw badUserInput(`${field}: is not a valid cursor`, field);
    },
  };
}
