import { inTransaction, type Executor } from '@agora/postgres';
import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { schema } from './db';
import { reservationLines, reservations, stockLevels, stockMovements, type ReservationStatus } from './db/schema';

export interface ReservationLineRecord {
  productId: string;
  quantity: number;
}

/** A reservation with its lines (in product-id order). */
export interface ReservationRecord {
  orderId: string;
  status: ReservationStatus;
  expiresAt: Date;
  items: ReservationLineRecord[];
}

export interface MovementRecord {
  productId: string;
  delta: number;
  quantityAfter: number;
  reason: string;
  actorId: string | null;
  orderId: string;
}

/**
 * Reservations, their lines and the stock they hold; data access only. The service
 * runs each operation in `transaction(work)`: the locks taken here (`find` with
 * `lock`, `lockExpired`) last until it ends.
 */
export class ReservationRepository {
  constructor(private readonly db: Executor<typeof schema>) {}

  /** Runs `work` in one transaction with a repository bound to it: all of it or nothing. */
  transaction<T>(work: (reservations: ReservationRepository) => Promise<T>): Promise<T> {
    return inTransaction(this.db, (tx) => work(new ReservationRepository(tx)));
  }

  /** Inserts a HELD reservation; false when the order already has one (the primary key decides). */
  async insertHeld(orderId: string, expiresAt: Date): Promise<boolean> {
    const inserted = await this.db
      .insert(reservations)
      .values({ orderId, status: 'HELD', expiresAt })
      .onConflictDoNothing({ target: reservations.orderId })
      .returning({ orderId: reservations.orderId });
    return inserted.length > 0;
  }

  async insertLines(orderId: string, lines: readonly ReservationLineRecord[]): Promise<void> {
    await this.db.insert(reservationLines).values(lines.map((line) => ({ orderId, ...line })));
  }

  /** The order's reservation with its lines; `lock` holds the reservation row until commit. */
  async find(orderId: string, options: { lock: boolean }): Promise<ReservationRecord | null> {
    const query = this.db.select().from(reservations).where(eq(reservations.orderId, orderId));
    const [row] = options.lock ? await query.for('update') : await query;
    if (!row) return null;
    const lines = await this.linesOf([orderId]);
    return { orderId: row.orderId, status: row.status, expiresAt: row.expiresAt, items: lines.get(orderId) ?? [] };
  }

  /**
   * Locks every HELD reservation whose expiry is at or before `now`. Rows another
   * transaction holds (a commit or release in flight) are skipped, not waited for.
   */
  async lockExpired(now: Date): Promise<ReservationRecord[]> {
    const rows = await this.db
      .select()
      .from(reservations)
      .where(and(eq(reservations.status, 'HELD'), lte(reservations.expiresAt, now)))
      .orderBy(asc(reservations.orderId))
      .for('update', { skipLocked: true });
    if (rows.length === 0) return [];
    const lines = await this.linesOf(rows.map((row) => row.orderId));
    return rows.map((row) => ({
      orderId: row.orderId,
      status: row.status,
      expiresAt: row.expiresAt,
      items: lines.get(row.orderId) ?? [],
    }));
  }

  async setStatus(orderIds: readonly string[], status: ReservationStatus): Promise<void> {
    if (orderIds.length === 0) return;
    await this.db
      .update(reservations)
      .set({ status, updatedAt: sql`now()` })
      .where(inArray(reservations.orderId, [...orderIds]));
  }

  /**
   * Takes units off the shelf only if that many are there: the check and the
   * decrement are one statement, so concurrent reservations cannot oversell.
   * Returns the units left, or null when there were too few.
   */
  async takeStock(productId: string, quantity: number): Promise<number | null> {
    const [row] = await this.db
      .update(stockLevels)
      .set({ quantity: sql`${stockLevels.quantity} - ${quantity}`, updatedAt: sql`now()` })
      .where(and(eq(stockLevels.productId, productId), gte(stockLevels.quantity, quantity)))
      .returning({ quantity: stockLevels.quantity });
    return row?.quantity ?? null;
  }

  /** Puts units back on the shelf; returns the units on hand after. */
  async returnStock(productId: string, quantity: number): Promise<number> {
    const [row] = await this.db
      .insert(stockLevels)
      .values({ productId, quantity })
      .onConflictDoUpdate({
        target: stockLevels.productId,
        set: { quantity: sql`${stockLevels.quantity} + excluded.quantity`, updatedAt: sql`now()` },
      })
      .returning({ quantity: stockLevels.quantity });
    if (!row) throw new Error(`stock level of ${productId} was not written`);
    return row.quantity;
  }

  /** Units on hand now (0 for a product without a stock level). */
  async quantityOf(productId: string): Promise<number> {
    const [row] = await this.db
      .select({ quantity: stockLevels.quantity })
      .from(stockLevels)
      .where(eq(stockLevels.productId, productId));
    return row?.quantity ?? 0;
  }

  async recordMovements(movements: readonly MovementRecord[]): Promise<void> {
    if (movements.length > 0) await this.db.insert(stockMovements).values([...movements]);
  }

  private async linesOf(orderIds: readonly string[]): Promise<Map<string, ReservationLineRecord[]>> {
    const rows = await this.db
      .select()
      .from(reservationLines)
      .where(inArray(reservationLines.orderId, [...orderIds]))
      .orderBy(asc(reservationLines.productId));
    const byOrder = new Map<string, ReservationLineRecord[]>();
    for (const row of rows) {
      const lines = byOrder.get(row.orderId) ?? [];
      lines.push({ productId: row.productId, quantity: row.quantity });
      byOrder.set(row.orderId, lines);
    }
    return byOrder;
  }
}
