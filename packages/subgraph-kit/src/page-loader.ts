import DataLoader from 'dataloader';
import type { CursorCodec } from './cursor';

/**
 * `items` grouped by `keyOf`, in one pass: groups in the order their first item
 * comes, items within a group in their own order.
 */
export function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/**
 * One page of one owner's list: at most `limit` rows, strictly after `after` (null:
 * from the start). The owner's id sits under the list's own owner field, the column
 * its rows carry it in (`{ userId, limit, after }` for a user's orders).
 */
export type PageKey<TOwner extends string, TPosition> = Readonly<Record<TOwner, string>> & {
  limit: number;
  after: TPosition | null;
};

/** Pages of a list by page key: see createPageLoader. */
export type PageLoader<TOwner extends string, TPosition, TRow> = DataLoader<PageKey<TOwner, TPosition>, TRow[], string>;

/** What a page loader reads with. */
export interface PageSource<TOwner extends string, TPosition, TRow extends Readonly<Record<TOwner, string>>> {
  /** The field holding the owner's id, in page keys and in rows alike (`userId`, `productId`, …). */
  owner: TOwner;
  /**
   * Up to `limit` rows for each of `ownerIds`, strictly after `after`, each owner's in
   * list order: one statement for all of them (e.g. @agora/postgres `newestPerOwner`).
   */
  pages(ownerIds: readonly string[], limit: number, after: TPosition | null): Promise<readonly TRow[]>;
  /** The list's cursor codec: `encode` writes a position into the cache key. */
  cursor: Pick<CursorCodec<TPosition>, 'encode'>;
}

/**
 * A per-request DataLoader of pages (create it in the context factory, never at module
 * level). The keys of one batch that ask for the same page size and cursor share one
 * `pages` call, so the first page of 3 users' orders costs the same one statement as
 * that of 30; the rows that call returns are split by owner in a single pass. A key
 * whose owner has no rows there gets an empty page. Equal keys are one cache entry,
 * so a connection's `edges` and `pageInfo` read the page once.
 */
export function createPageLoader<TOwner extends string, TPosition, TRow extends Readonly<Record<TOwner, string>>>(
  source: PageSource<TOwner, TPosition, TRow>,
): PageLoader<TOwner, TPosition, TRow> {
  type Key = PageKey<TOwner, TPosition>;
  const ownerOf = (item: Readonly<Record<TOwner, string>>): string => item[source.owner];
  const shapeOf = (key: Key): string =>
    JSON.stringify([key.limit, key.after === null ? null : source.cursor.encode(key.after)]);
  const cacheKeyOf = (key: Key): string => JSON.stringify([shapeOf(key), ownerOf(key)]);

  async function loadPages(keys: readonly Key[]): Promise<TRow[][]> {
    const pages = new Map<Key, TRow[]>();
    await Promise.all(
      [...groupBy(keys, shapeOf).values()].map(async (group) => {
        const [{ limit, after }] = group as [Key, ...Key[]];
        const rows = await source.pages([...new Set(group.map(ownerOf))], limit, after);
        const byOwner = groupBy(rows, ownerOf);
        for (const key of group) pages.set(key, byOwner.get(ownerOf(key)) ?? []);
      }),
    );
    return keys.map((key) => pages.get(key) ?? []);
  }

  return new DataLoader(loadPages, { cacheKeyFn: cacheKeyOf });
}
