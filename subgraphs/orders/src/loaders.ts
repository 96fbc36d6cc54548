import DataLoader from 'dataloader';
import type { OrderItemRow, OrderRow } from './db/schema';
import type { OrderPosition, OrdersRepository } from './orders.repository';

/** One page of one user's orders: `limit` rows at most, after `after`. */
interface OrderPageKey {
  userId: string;
  limit: number;
  after: OrderPosition | null;
}

export interface Loaders {
  orderById: DataLoader<string, OrderRow | null>;
  /** The lines of an order (one query for all orders of a page). */
  itemsByOrder: DataLoader<string, OrderItemRow[]>;
  /** Order count by user id. */
  orderCount: DataLoader<string, number>;
  /** Pages of orders by user: one query per distinct (limit, after). */
  orderPages: DataLoader<OrderPageKey, OrderRow[], string>;
}

/** Keys that can share one SQL statement: same page size, same cursor. */
function pageShape(key: OrderPageKey): string {
  return [key.limit, key.after?.createdAt.toISOString() ?? '', key.after?.id ?? ''].join('|');
}

function pageKey(key: OrderPageKey): string {
  return `${pageShape(key)}|${key.userId}`;
}

async function loadPages(orders: OrdersRepository, keys: readonly OrderPageKey[]): Promise<OrderRow[][]> {
  const shapes = new Map<string, OrderPageKey[]>();
  for (const key of keys) shapes.set(pageShape(key), [...(shapes.get(pageShape(key)) ?? []), key]);
  const pages = new Map<string, OrderRow[]>();
  await Promise.all(
    [...shapes.values()].map(async (group) => {
      const [{ limit, after }] = group as [OrderPageKey, ...OrderPageKey[]];
      const rows = await orders.pageByUser([...new Set(group.map((key) => key.userId))], limit, after);
      for (const key of group)
        pages.set(
          pageKey(key),
          rows.filter((row) => row.userId === key.userId),
        );
    }),
  );
  return keys.map((key) => pages.get(pageKey(key)) ?? []);
}

/** Created per request: a cache must never outlive one caller's request. */
export function createLoaders(orders: OrdersRepository): Loaders {
  return {
    orderById: new DataLoader(async (ids) => {
      const found = await orders.byIds(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    itemsByOrder: new DataLoader(async (ids) => {
      const found = await orders.itemsByOrderIds(ids);
      return ids.map((id) => found.get(id) ?? []);
    }),
    orderCount: new DataLoader(async (ids) => {
      const found = await orders.countByUser(ids);
      return ids.map((id) => found.get(id) ?? 0);
    }),
    orderPages: new DataLoader((keys) => loadPages(orders, keys), { cacheKeyFn: pageKey }),
  };
}
