import { newestFirstCursor, type KeysetPosition } from '@agora/postgres';
import { createPageLoader, type PageLoader } from '@agora/subgraph-kit';
import DataLoader from 'dataloader';
import type { OrderItemRow, OrderRow } from './db/schema';
import type { OrderRepository } from './order.repository';

export interface Loaders {
  orderById: DataLoader<string, OrderRow | null>;
  /** The lines of an order (one query for all orders of a page). */
  itemsByOrder: DataLoader<string, OrderItemRow[]>;
  /** Order count by user id. */
  orderCount: DataLoader<string, number>;
  /** Pages of orders by user: one query per distinct (limit, after). */
  orderPages: PageLoader<'userId', KeysetPosition, OrderRow>;
}

/** Created per request: a cache must never outlive one caller's request. */
export function createLoaders(orders: OrderRepository): Loaders {
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
    orderPages: createPageLoader({
      owner: 'userId',
      pages: (userIds, limit, after) => orders.pageByUser(userIds, limit, after),
      cursor: newestFirstCursor,
    }),
  };
}
