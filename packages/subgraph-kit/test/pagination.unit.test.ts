import { MAX_PAGE_SIZE, pageSize, toConnection } from '../src/pagination';

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
