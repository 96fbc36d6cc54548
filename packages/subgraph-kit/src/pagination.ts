import { badUserInput } from './errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Checks a Relay `first` argument: 0..MAX_PAGE_SIZE, defaulting to DEFAULT_PAGE_SIZE. */
export function pageSize(first: number | null | undefined, field = 'first'): number {
  if (first == null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`${field}: must be between 0 and ${MAX_PAGE_SIZE}`, field);
  }
  return first;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** Builds a Relay connection from rows fetched with `limit + 1`. */
export function toConnection<T>(
  rows: readonly T[],
  limit: number,
  cursorOf: (row: T) => string,
  totalCount?: number,
): { edges: { cursor: string; node: T }[]; pageInfo: PageInfo; totalCount?: number } {
  const page = rows.slice(0, limit);
  const edges = page.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
    ...(totalCount === undefined ? {} : { totalCount }),
  };
}
