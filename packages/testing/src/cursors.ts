/**
 * A cursor as a client could forge one: base64url of the JSON text given, or of the
 * array given. For tests that check a connection refuses what it did not write.
 */
export function forgeCursor(json: string | readonly unknown[]): string {
  return Buffer.from(typeof json === 'string' ? json : JSON.stringify(json)).toString('base64url');
}

const ID = '00000000-0000-4000-8000-000000000001';
const AT = '2026-01-01T00:00:00.000Z';

/**
 * Cursors of the newest-first layout (`[createdAt, id]`, newestFirstCursor in
 * @agora/postgres) that a connection must refuse with BAD_USER_INPUT, labelled by
 * what is wrong with them. Several hold values JavaScript reads but PostgreSQL
 * refuses (years before 1 or after 9999).
 */
export const forgedNewestFirstCursors: readonly (readonly [label: string, cursor: string])[] = [
  ['the empty string', ''],
  ['garbage', 'not a cursor'],
  ['a huge string', 'A'.repeat(100_000)],
  ['the year -100000', forgeCursor(['-100000-01-01T00:00:00.000Z', ID])],
  ['the year 0', forgeCursor(['0000-01-01T00:00:00.000Z', ID])],
  ['the year 10000', forgeCursor(['+010000-01-01T00:00:00.000Z', ID])],
  ['the year 200000', forgeCursor(['+200000-01-01T00:00:00.000Z', ID])],
  ['the year 300000', forgeCursor(['+300000-01-01T00:00:00.000Z', ID])],
  ['a timestamp in milliseconds', forgeCursor([Date.parse(AT), ID])],
  ['a date without a time', forgeCursor(['2026-01-01', ID])],
  ['an id that is not a uuid', forgeCursor([AT, 'not-a-uuid'])],
  ['an id that is a number', forgeCursor([AT, 1])],
  ['a third value', forgeCursor([AT, ID, 'more'])],
  ['JSON that is not an array', forgeCursor(JSON.stringify({ createdAt: AT, id: ID }))],
];
