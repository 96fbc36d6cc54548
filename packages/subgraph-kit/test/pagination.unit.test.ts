import { cursorCodec, cursorField } from '../src/cursor';
import {
  connectionRequest,
  connectionResolvers,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  pageSize,
  toConnection,
  type ConnectionArgs,
} from '../src/pagination';

describe('pagination', () => {
  it('caps the page size', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(MAX_PAGE_SIZE)).toBe(MAX_PAGE_SIZE);
    expect(() => pageSize(100_000)).toThrow(/first: must be between 0 and 100/);
    expect(() => pageSize(-1)).toThrow(/first/);
  });

  it('reports a next page only when more rows than the limit came back', () => {
    const rows = [1, 2, 3];
    expect(toConnection(rows, 2, String).pageInfo).toEqual({ hasNextPage: true, endCursor: '2' });
    expect(toConnection(rows, 3, String).pageInfo).toEqual({ hasNextPage: false, endCursor: '3' });
    expect(toConnection([], 3, String).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});

describe('connectionRequest', () => {
  const codec = cursorCodec(cursorField.timestamp(), cursorField.uuid());
  const at = new Date('2026-01-02T03:04:05.678Z');
  const id = '00000000-0000-4000-8000-000000000001';
  const refusalOf = (args: ConnectionArgs): unknown => {
    try {
      connectionRequest('owner-1', args, codec);
      return null;
    } catch (error) {
      const { extensions, message } = error as { extensions?: unknown; message: string };
      return { message, extensions };
    }
  };

  it('reads the page size and the position the cursor holds', () => {
    expect(connectionRequest('owner-1', { first: 5, after: codec.encode([at, id]) }, codec)).toEqual({
      ownerId: 'owner-1',
      first: 5,
      after: [at, id],
    });
    expect(connectionRequest('owner-1', { first: null, after: null }, codec)).toEqual({
      ownerId: 'owner-1',
      first: DEFAULT_PAGE_SIZE,
      after: null,
    });
  });

  it('refuses a bad first before a bad after, each naming its argument', () => {
    expect(refusalOf({ first: 101, after: 'nonsense' })).toEqual({
      message: 'first: must be between 0 and 100',
      extensions: { code: 'BAD_USER_INPUT', field: 'first' },
    });
    expect(refusalOf({ first: 5, after: 'nonsense' })).toEqual({
      message: 'after: is not a valid cursor',
      extensions: { code: 'BAD_USER_INPUT', field: 'after' },
    });
  });
});

describe('connectionResolvers', () => {
  const request = { ownerId: 'owner-1', first: 2, after: null };
  const source = {
    rows: jest.fn((_request: typeof request, limit: number) => Promise.resolve([1, 2, 3, 4].slice(0, limit))),
    cursorOf: String,
    totalCount: () => Promise.resolve(4),
  };
  const resolvers = connectionResolvers(source);

  it('asks for one row more than first and reports whether another page follows', async () => {
    expect(await resolvers.edges(request, {}, null)).toEqual([
      { cursor: '1', node: 1 },
      { cursor: '2', node: 2 },
    ]);
    expect(await resolvers.pageInfo(request, {}, null)).toEqual({ hasNextPage: true, endCursor: '2' });
    expect(source.rows).toHaveBeenCalledWith(request, 3, null);
    expect(await resolvers.totalCount(request, {}, null)).toBe(4);
  });
});
