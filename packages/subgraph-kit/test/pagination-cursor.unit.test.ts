import { CURSOR_TIME_RANGE, cursorCodec, cursorField, MAX_CURSOR_LENGTH } from '../src/cursor';

/** base64url of any text, as a client forging a cursor would write it. */
const raw = (text: string): string => Buffer.from(text).toString('base64url');
const forged = (values: unknown[]): string => raw(JSON.stringify(values));

const ID = '30000000-0000-4000-8000-000000000001';
const AT = '2026-01-02T03:04:05.678Z';

/** A newest-first cursor, as reviews, orders and notifications use. */
const newest = cursorCodec(cursorField.timestamp(), cursorField.uuid());

/** One field of every other kind, in the ranges a connection would give them. */
const mixed = cursorCodec(
  cursorField.oneOf(['PRICE_ASC', 'NAME_ASC']),
  cursorField.epochMs(),
  cursorField.real().min(0),
  cursorField.integer({ min: 0, max: 100 }),
  cursorField.text(10),
);
const MIXED = ['PRICE_ASC', Date.UTC(2026, 0, 1), 0.25, 7, 'kettle'];

const refused = expect.objectContaining({
  message: 'after: is not a valid cursor',
  extensions: { code: 'BAD_USER_INPUT', field: 'after' },
});

describe('cursorCodec', () => {
  it('reads back what it writes, with dates as Dates', () => {
    const at = new Date(AT);
    expect(newest.decode(newest.encode([at, ID]))).toEqual([at, ID]);
    const values = ['NAME_ASC', new Date(0), 0.0607927, 0, 'a'] as const;
    expect(mixed.decode(mixed.encode([...values]))).toEqual([...values]);
  });

  it('reads back text of any script a client could send, emoji sequences included', () => {
    const text = cursorCodec(cursorField.text(60));
    for (const value of ['Crème brûlée', '无线耳机', 'سماعات لاسلكية', 'Great 😀👍🏽 👩‍👩‍👧', 'a\u00a0b\u200ec']) {
      expect(text.decode(forged([value]))).toEqual([value]);
    }
  });

  it('keeps the layout cursors already held by clients: base64url of the JSON array', () => {
    expect(newest.encode([new Date(AT), ID])).toBe(forged([AT, ID]));
    expect(newest.decode(forged([AT, ID]))).toEqual([new Date(AT), ID]);
    expect(mixed.decode(forged(MIXED))).toEqual(['PRICE_ASC', new Date(Date.UTC(2026, 0, 1)), 0.25, 7, 'kettle']);
  });

  it.each([
    ['the first instant', '0001-01-01T00:00:00.000Z'],
    ['the last instant', '9999-12-31T23:59:59.999Z'],
  ])('accepts %s of the timestamp range', (_label, at) => {
    expect(newest.decode(forged([at, ID]))).toEqual([new Date(at), ID]);
  });

  it.each([
    ['zero', 0],
    ['the largest real', 3.4028234663852886e38],
    ['the smallest positive real', 1.401298464324817e-45],
  ])('accepts %s', (_label, value) => {
    const real = cursorCodec(cursorField.real());
    expect(real.decode(forged([value]))).toEqual([value]);
  });

  it('names the argument it was given', () => {
    expect(() => newest.decode('nope', 'before')).toThrow(
      expect.objectContaining({
        message: 'before: is not a valid cursor',
        extensions: { code: 'BAD_USER_INPUT', field: 'before' },
      }),
    );
  });

  describe('refuses with BAD_USER_INPUT "after: is not a valid cursor"', () => {
    it.each([
      ['the empty string', ''],
      ['garbage', 'not a cursor at all'],
      ['a huge string', 'A'.repeat(1_000_000)],
      ['a huge well-formed cursor', forged([AT, ID, 'x'.repeat(MAX_CURSOR_LENGTH)])],
      ['padded base64url', `${forged([AT, ID])}==`],
      ['base64url of something not JSON', raw('[2026, yesterday]')],
      ['invalid UTF-8', Buffer.from([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d]).toString('base64url')],
      ['JSON that is not an array', raw(JSON.stringify({ createdAt: AT, id: ID }))],
      ['JSON null', raw('null')],
      ['too few values', forged([AT])],
      ['too many values', forged([AT, ID, 1])],
      ['an empty array', forged([])],
      ['spacing of its own', raw(`[ "${AT}", "${ID}" ]`)],
      ['trailing data', raw(`${JSON.stringify([AT, ID])} `)],
      ['a timestamp that is a number', forged([Date.parse(AT), ID])],
      ['a timestamp that is not a date', forged(['yesterday', ID])],
      ['a timestamp without milliseconds', forged(['2026-01-02T03:04:05Z', ID])],
      ['a timestamp with an offset', forged(['2026-01-02T03:04:05.678+01:00', ID])],
      ['a day that does not exist', forged(['2026-02-30T00:00:00.000Z', ID])],
      ['the year 0', forged(['0000-06-01T00:00:00.000Z', ID])],
      ['the year 10000', forged(['+010000-01-01T00:00:00.000Z', ID])],
      ['the year 300000', forged(['+300000-01-01T00:00:00.000Z', ID])],
      ['the year -100000', forged(['-100000-01-01T00:00:00.000Z', ID])],
      ['an id that is not a UUID', forged([AT, 'p-1'])],
      ['an id with more after the UUID', forged([AT, `${ID}0`])],
      ['an id that is a number', forged([AT, 1])],
      ['an id that is null', forged([AT, null])],
    ])('%s', (_label, cursor) => {
      expect(() => newest.decode(cursor)).toThrow(refused);
    });

    const withValue = (index: number, value: unknown): string => forged(MIXED.map((v, i) => (i === index ? value : v)));
    const withRawValue = (index: number, json: string): string =>
      raw(`[${MIXED.map((v, i) => (i === index ? json : JSON.stringify(v))).join(',')}]`);

    it.each([
      ['standard base64 (+ and /)', Buffer.from(JSON.stringify([...MIXED.slice(0, 4), '~?~'])).toString('base64')],
      ['an unknown enum value', withValue(0, 'PRICE_DESC')],
      ['an enum value in another case', withValue(0, 'price_asc')],
      ['an enum value that is a number', withValue(0, 1)],
      ['milliseconds that are text', withValue(1, '1767225600000')],
      ['milliseconds with a fraction', withValue(1, 1.5)],
      ['milliseconds beyond JavaScript dates', withValue(1, 8.64e15 + 1)],
      ['milliseconds before the year 1', withValue(1, CURSOR_TIME_RANGE.min.getTime() - 1)],
      ['milliseconds after the year 9999', withValue(1, CURSOR_TIME_RANGE.max.getTime() + 1)],
      ['a real that is text', withValue(2, '0.25')],
      ['a real beyond float4', withValue(2, 3.5e38)],
      ['a real that underflows float4', withValue(2, 1e-50)],
      ['a real that is infinite in JSON', withRawValue(2, '1e400')],
      ['a real below its minimum', withValue(2, -0.5)],
      ['a real written differently', withRawValue(2, '2.5e-1')],
      ['an integer with a fraction', withValue(3, 7.5)],
      ['an integer beyond safe integers', withRawValue(3, '9007199254740993')],
      ['an integer above its maximum', withValue(3, 101)],
      ['an integer below its minimum', withValue(3, -1)],
      ['an integer that is a boolean', withValue(3, true)],
      ['empty text', withValue(4, '')],
      ['text too long', withValue(4, 'k'.repeat(11))],
      ['text with NUL', withValue(4, 'ket\u0000tle')],
      ['text with a tab', withValue(4, 'ket\ttle')],
      ['text with a line feed', withValue(4, 'ket\ntle')],
      ['text with a carriage return', withValue(4, 'ket\rtle')],
      ['text with DEL', withValue(4, 'ket\u007ftle')],
      ['text with a C1 control (NEL)', withValue(4, 'ket\u0085tle')],
      ['text with ESC', withValue(4, '\u001b[31mk')],
      ['text with a right-to-left override', withValue(4, 'ket\u202etle')],
      ['text with an isolate', withValue(4, 'ket\u2066tle')],
      ['text with a lone high surrogate', withValue(4, 'abc\ud800')],
      ['text with a lone low surrogate', withValue(4, '\udc00abc')],
      ['text with a byte order mark', withValue(4, '\ufeffkettle')],
      ['text with a zero-width space', withValue(4, 'ket\u200btle')],
      ['text that is an array', withValue(4, ['kettle'])],
    ])('%s', (_label, cursor) => {
      expect(() => mixed.decode(cursor)).toThrow(refused);
    });
  });
});
