import {
  inTransaction,
  isUniqueViolation,
  isUuid,
  newestPerOwner,
  type Executor,
  type KeysetPosition,
} from '@agora/postgres';
import { and, asc, count, eq, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { schema } from './db';
import {
  orderItems,
  orders,
  type NewOrder,
  type NewOrderItem,
  type OrderItemRow,
  type OrderRow,
  type OrderStatus,
} from './db/schema';
import type { OrderEventRecorder, OrderStatusEvent } from './order-events';

/** What a status change writes besides the status. */
export interface StatusChange {
  status: OrderStatus;
  failureCode?: OrderRow['failureCode'];
  failureReason?: string | null;
}

/** Ids that are not UUIDs cannot be in the table; asking Postgres would fail on the cast. */
function isOrderId(id: string): boolean {
  return isUuid(id);
}

/** Orders and their lines: data access only (no GraphQL, no rules). */
export class OrderRepository {
  constructor(
    private readonly db: Executor<typeof schema>,
    private readonly events: OrderEventRecorder,
  ) {}

  /** Orders by id, in one query; unknown ids are absent from the map. */
  async byIds(ids: readonly string[]): Promise<Map<string, OrderRow>> {
    const valid = ids.filter(isOrderId);
    if (valid.length === 0) return new Map();
    const rows = await this.db.select().from(orders).where(inArray(orders.id, valid));
    return new Map(rows.map((row) => [row.id, row]));
  }

  async byId(id: string): Promise<OrderRow | null> {
    return (await this.byIds([id])).get(id) ?? null;
  }

  async byIdempotencyKey(userId: string, key: string): Promise<OrderRow | null> {
    const [row] = await this.db
      .select()
      .from(orders)
      .where(and(eq(orders.userId, userId), eq(orders.idempotencyKey, key)));
    return row ?? null;
  }

  /**
   * Inserts a PENDING order with its lines in one transaction. No event yet: other
   * services hear of the order once it is confirmed. Null when the user already has an order with this idempotency key: the
   * unique constraint decides between two identical checkouts racing each other.
   */
  async insertPending(
    order: Omit<NewOrder, 'status'>,
    items: Omit<NewOrderItem, 'orderId'>[],
  ): Promise<OrderRow | null> {
    try {
      return await inTransaction(this.db, async (tx) => {
        const [row] = await tx
          .insert(orders)
          .values({ ...order, status: 'PENDING' })
          .returning();
        if (!row) throw new Error('insert returned no row');
        if (items.length > 0) {
          await tx.insert(orderItems).values(items.map((item) => ({ ...item, orderId: row.id })));
        }
        return row;
      });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /**
   * Moves an order from one of `from` to a new status, recording `event` in the same
   * transaction: a confirmation records OrderPlaced (with the lines) and then
   * OrderConfirmed. Null when the order was not in one of `from` (someone else
   * moved it); then nothing is recorded.
   */
  async transition(
    id: string,
    from: readonly OrderStatus[],
    change: StatusChange,
    event?: OrderStatusEvent,
  ): Promise<OrderRow | null> {
    return inTransaction(this.db, async (tx) => {
      const [row] = await tx
        .update(orders)
        .set({ ...change, updatedAt: sql`now()` })
        .where(and(eq(orders.id, id), inArray(orders.status, [...from])))
        .returning();
      if (!row) return null;
      if (event?.type === 'OrderConfirmed') {
        const items = await tx
          .select()
          .from(orderItems)
          .where(eq(orderItems.orderId, id))
          .orderBy(asc(orderItems.productId), asc(orderItems.id));
        await this.events.record(tx, { type: 'OrderPlaced', order: row, items });
        await this.events.record(tx, { type: 'OrderConfirmed', order: row });
      } else if (event) {
        await this.events.record(tx, { ...event, order: row });
      }
      return row;
    });
  }

  /** PENDING orders untouched since before `cutoff` (checkouts whose process stopped), oldest first. */
  async stalledPending(cutoff: Date, limit: number): Promise<OrderRow[]> {
    return this.db
      .select()
      .from(orders)
      .where(and(eq(orders.status, 'PENDING'), lt(orders.updatedAt, cutoff)))
      .orderBy(asc(orders.updatedAt))
      .limit(limit);
  }

  /** Records that the order's checkout let go of its cart (once: later calls change nothing). */
  async markCartSettled(id: string): Promise<void> {
    await this.db
      .update(orders)
      .set({ cartSettledAt: sql`now()` })
      .where(and(eq(orders.id, id), isNull(orders.cartSettledAt)));
  }

  /** Orders past PENDING whose checkout has not let go of its cart yet, oldest first. */
  async unsettledCarts(limit: number): Promise<OrderRow[]> {
    return this.db
      .select()
      .from(orders)
      .where(and(isNull(orders.cartSettledAt), ne(orders.status, 'PENDING')))
      .orderBy(asc(orders.updatedAt))
      .limit(limit);
  }

  /** The lines of many orders in one query, each order's in a stable order. */
  async itemsByOrderIds(orderIds: readonly string[]): Promise<Map<string, OrderItemRow[]>> {
    const valid = orderIds.filter(isOrderId);
    if (valid.length === 0) return new Map();
    const rows = await this.db
      .select()
      .from(orderItems)
      .where(inArray(orderItems.orderId, valid))
      .orderBy(asc(orderItems.orderId), asc(orderItems.productId), asc(orderItems.id));
    const byOrder = new Map<string, OrderItemRow[]>();
    for (const row of rows) {
      const list = byOrder.get(row.orderId);
      if (list) list.push(row);
      else byOrder.set(row.orderId, [row]);
    }
    return byOrder;
  }

  /**
   * Up to `limit` orders per user, newest first, strictly after `after`: one
   * statement for any number of users (row_number per user, keyset before it).
   */
  async pageByUser(userIds: readonly string[], limit: number, after: KeysetPosition | null): Promise<OrderRow[]> {
    return newestPerOwner(
      this.db,
      orders,
      { owner: orders.userId, createdAt: orders.createdAt, id: orders.id },
      userIds,
      limit,
      after,
    );
  }

  /** Order count per user, in one grouped query. */
  async countByUser(userIds: readonly string[]): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db
      .select({ userId: orders.userId, count: count() })
      .from(orders)
      .where(inArray(orders.userId, [...userIds]))
      .groupBy(orders.userId);
    return new Map(rows.map((row) => [row.userId, row.count]));
  }
}
