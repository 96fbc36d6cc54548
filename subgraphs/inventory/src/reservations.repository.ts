import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { InventoryDb } from './db';
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

type Transaction = Parameters<Parameters<InventoryDb['db']['transaction']>[0]>[0];

/** Reservations, their lines and the stock they hold; every method runs inside one transaction. */
export class ReservationStore {
  constructor(private readonly tx: Transaction) {}

  /** Inserts a HELD reservation; false when the order already has one (the primary key decides). */
  async insertHeld(orderId: string, expiresAt: Date): Promise<boolean> {
    const inserted = await this.tx
      .insert(reservations)
      .values({ orderId, status: 'HELD', expiresAt })
      .onConflictDoNothing({ target: reservations.orderId })
      .returning({ orderId: reservations.orderId });
    return inserted.length > 0;
  }

  async insertLines(orderId: string, lines: readonly ReservationLineRecord[]): Promise<void> {
    await this.tx.insert(reservationLines).values(lines.map((line) => ({ orderId, ...line })));
  }

  /** The order's reservation with its lines; `lock` holds the reservation row until commit. */
  async find(orderId: string, options: { lock: boolean }): Promise<ReservationRecord | null> {
    const query = this.tx.select().from(reservations).where(eq(reservations.orderId, orderId));
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
    const rows = await this.tx
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
    await this.tx
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
    const [row] = await this.tx
      .update(stockLevels)
      .set({ quantity: sql`${stockLevels.quantity} - ${quantity}`, updatedAt: sql`now()` })
      .where(and(eq(stockLevels.productId, productId), gte(stockLevels.quantity, quantity)))
      .returning({ quantity: stockLevels.quantity });
    return row?.quantity ?? null;
  }

  /** Puts units back on the shelf; returns the units on hand after. */
  async returnStock(productId: string, quantity: number): Promise<number> {
    const [row] = await this.tx
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
    const [row] = await this.tx
      .select({ quantity: stockLevels.quantity })
      .from(stockLevels)
      .where(eq(stockLevels.productId, productId));
    return row?.quantity ?? 0;
  }

  async recordMovements(movements: readonly MovementRecord[]): Promise<void> {
    if (movements.length > 0) await this.tx.insert(stockMovements).values([...movements]);
  }

  private async linesOf(orderIds: readonly string[]): Promise<Map<string, ReservationLineRecord[]>> {
    const rows = await this.tx
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

/** Data access for reservations: opens the transaction the service's rules run in. */
export class ReservationRepository {
  constructor(private readonly db: InventoryDb['db']) {}

  transaction<T>(work: (store: ReservationStore) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(new ReservationStore(tx)));
  }
}
