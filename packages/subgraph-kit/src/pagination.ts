import type { CursorCodec } from './cursor';
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

/** The arguments of a Relay connection field. */
export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
}

/**
 * A connection before anything is loaded: whose list (`ownerId`) and which page. A
 * connection field returns it (it is the connection type's mapper) and the
 * connection's own fields load lazily (connectionResolvers), so asking only for
 * `totalCount` does not read the page, and the other way round.
 */
export interface ConnectionRequest<TPosition> {
  ownerId: string;
  /** Rows asked for, checked by pageSize. */
  first: number;
  /** Where the previous page stopped, decoded from the `after` cursor; null for the first page. */
  after: TPosition | null;
}

/**
 * Checks a connection field's arguments at the edge, `first` before `after`:
 * BAD_USER_INPUT `first: must be between 0 and 100` (pageSize), then BAD_USER_INPUT
 * `after: is not a valid cursor` (the list's cursor codec).
 */
export function connectionRequest<TPosition>(
  ownerId: string,
  args: ConnectionArgs,
  cursor: Pick<CursorCodec<TPosition>, 'decode'>,
): ConnectionRequest<TPosition> {
  return {
    ownerId,
    first: pageSize(args.first),
    after: args.after == null ? null : cursor.decode(args.after),
  };
}

/** Where a connection's fields come from. */
export interface ConnectionSource<TRequest extends { first: number }, TContext, TRow> {
  /** At most `limit` rows of the request's page, from the list's page loader (createPageLoader). */
  rows(request: TRequest, limit: number, context: TContext): Promise<readonly TRow[]>;
  /** The cursor of a row (the list's cursor codec). */
  cursorOf(row: NoInfer<TRow>): string;
  /** How many rows the whole list holds. */
  totalCount(request: TRequest, context: TContext): Promise<number>;
}

/** The resolvers of a Relay connection type whose parent (mapper) is `TRequest`. */
export interface ConnectionResolvers<TRequest, TContext, TRow> {
  edges: (request: TRequest, args: unknown, context: TContext) => Promise<{ cursor: string; node: TRow }[]>;
  pageInfo: (request: TRequest, args: unknown, context: TContext) => Promise<PageInfo>;
  totalCount: (request: TRequest, args: unknown, context: TContext) => Promise<number>;
}

/**
 * The resolvers of a Relay connection type (`edges`, `pageInfo`, `totalCount`) over
 * its request: the page is loaded with one row more than `first`, so `pageInfo`
 * knows whether another page follows; `edges` and `pageInfo` share that one load
 * through the page loader's cache. Errors of `source` propagate unchanged.
 */
export function connectionResolvers<TRequest extends { first: number }, TContext, TRow>(
  source: ConnectionSource<TRequest, TContext, TRow>,
): ConnectionResolvers<TRequest, TContext, NoInfer<TRow>> {
  async function page(request: TRequest, context: TContext) {
    const rows = await source.rows(request, request.first + 1, context);
    return toConnection(rows, request.first, (row) => source.cursorOf(row));
  }
  return {
    edges: async (request, _args, context) => (await page(request, context)).edges,
    pageInfo: async (request, _args, context) => (await page(request, context)).pageInfo,
    totalCount: (request, _args, context) => source.totalCount(request, context),
  };
}
