import { execute, type OperationResult } from '@agora/testing';
import type { Caller } from '@agora/subgraph-kit';
import { StockRepository } from '../src/stock.repository';
import { ordersService, type InventoryHarness } from './setup';

const RESERVATION = 'orderId status expiresAt items { productId quantity }';

export const RESERVE = `mutation ($input: ReserveStockInput!) { reserveStock(input: $input) { ${RESERVATION} } }`;
export const COMMIT = `mutation ($orderId: ID!) { commitReservation(orderId: $orderId) { ${RESERVATION} } }`;
export const RELEASE = `mutation ($orderId: ID!) { releaseReservation(orderId: $orderId) { ${RESERVATION} } }`;
export const RESTOCK = `mutation ($orderId: ID!) { restockOrder(orderId: $orderId) { ${RESERVATION} } }`;

export interface ReservationItem {
  productId: string;
  quantity: number;
}

/** A Reservation as the tests select it. */
export interface ReservationResult {
  orderId: string;
  status: string;
  expiresAt: string;
  items: ReservationItem[];
}

export interface ReserveInput {
  orderId: string;
  items: ReservationItem[];
  ttlSeconds?: number;
}

/** Runs reserveStock as the orders service (or `caller`). */
export function reserve(
  inventory: InventoryHarness,
  input: ReserveInput,
  caller: Caller | null = ordersService,
): Promise<OperationResult<{ reserveStock: ReservationResult }>> {
  return execute(inventory.server, inventory.context(caller), RESERVE, { input });
}

/** Runs one of the orderId mutations as the orders service (or `caller`). */
export function forOrder(
  inventory: InventoryHarness,
  mutation: string,
  orderId: string,
  caller: Caller | null = ordersService,
): Promise<OperationResult<Record<string, ReservationResult | null>>> {
  return execute(inventory.server, inventory.context(caller), mutation, { orderId });
}

export async function setStock(inventory: InventoryHarness, levels: Record<string, number>): Promise<void> {
  const stock = new StockRepository(inventory.db.db);
  for (const [productId, quantity] of Object.entries(levels)) {
    await stock.setQuantity({ productId, quantity, reason: 'test', actorId: null });
  }
}

/** Units on hand per product, straight from the table (0 without a row). */
export async function stockOf(inventory: InventoryHarness, ...productIds: string[]): Promise<number[]> {
  const found = await new StockRepository(inventory.db.db).quantities(productIds);
  return productIds.map((id) => found.get(id) ?? 0);
}

/** Status of each order's reservation straight from the table (undefined without one). */
export async function statusOf(inventory: InventoryHarness, ...orderIds: string[]): Promise<(string | undefined)[]> {
  const { rows } = await inventory.db.pool.query<{ order_id: string; status: string }>(
    'select order_id, status from reservations where order_id = any($1)',
    [orderIds],
  );
  const byOrder = new Map(rows.map((row) => [row.order_id, row.status]));
  return orderIds.map((id) => byOrder.get(id));
}
