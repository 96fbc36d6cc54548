/**
 * A moment as every date field of the API shows it (the fields are `String`):
 * ISO-8601 in UTC with milliseconds, e.g. `2024-05-01T12:00:00.000Z` (a year past
 * 9999 gets ISO's six-digit signed form). An invalid Date (a broken store row) throws
 * a RangeError, which the server masks as an internal error.
 */
export function isoTimestamp(date: Date): string {
  return date.toISOString();
}

/** `isoTimestamp` of a moment that may not have happened yet: null (or undefined) gives null. */
export function isoTimestampOrNull(date: Date | null | undefined): string | null {
  return date ? isoTimestamp(date) : null;
}
