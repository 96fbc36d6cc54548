import { isoTimestamp, isoTimestampOrNull } from '../src';

describe('isoTimestamp', () => {
  it('writes a moment in UTC with milliseconds, whatever the moment was created in', () => {
    expect(isoTimestamp(new Date(Date.UTC(2024, 4, 1, 12, 0, 0, 5)))).toBe('2024-05-01T12:00:00.005Z');
    expect(isoTimestamp(new Date('2024-05-01T14:00:00+02:00'))).toBe('2024-05-01T12:00:00.000Z');
  });

  it('writes the epoch and a year past 9999 as ISO-8601 does', () => {
    expect(isoTimestamp(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
    expect(isoTimestamp(new Date(Date.UTC(10000, 0, 1)))).toBe('+010000-01-01T00:00:00.000Z');
  });

  it('refuses an invalid Date with a RangeError', () => {
    expect(() => isoTimestamp(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('isoTimestampOrNull', () => {
  it('is null for a moment that has not happened and the timestamp otherwise', () => {
    expect(isoTimestampOrNull(null)).toBeNull();
    expect(isoTimestampOrNull(undefined)).toBeNull();
    expect(isoTimestampOrNull(new Date(Date.UTC(2024, 0, 31, 23, 59, 59, 999)))).toBe('2024-01-31T23:59:59.999Z');
  });
});
