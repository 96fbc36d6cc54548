import { inTransaction, type Executor } from '@agora/postgres';
import { eq, inArray, sql } from 'drizzle-orm';
import type { schema } from './db';
import { stockLevels, stockMovements } from './db/schema';

export interface StockChange {
  productId: string;
  quantity: number;
  reason: string;
  actorId: string | null;
}

/** Stock levels and their movements; data access only. */
export class StockRepository {
  constructor(private readonly db: Executor<typeof schema>) {}

  /** Units on hand for each id, in one query; ids without a row have none. */
  async quantities(productIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.db
      .select({ productId: stockLevels.productId, quantity: stockLevels.quantity })
      .from(stockLevels)
      .where(inArray(stockLevels.productId, [...productIds]));
    return new Map(rows.map((row) => [row.productId, row.quantity]));
  }

  /** Sets a level and records the movement, in one transaction. Returns the new quantity. */
  async setQuantity(change: StockChange): Promise<number> {
    return inTransaction(this.db, async (tx) => {
      const [before] = await tx
        .select({ quantity: stockLevels.quantity })
        .from(stockLevels)
        .where(eq(stockLevels.productId, change.productId))
        .for('update');
      await tx
        .insert(stockLevels)
        .values({ productId: change.productId, quantity: change.quantity })
        .onConflictDoUpdate({
          target: stockLevels.productId,
          set: { quantity: change.quantity, updatedAt: sql`now()` },
        });
      await tx.insert(stockMovements).values({
        productId: change.productId,
        delta: change.quantity - (before?.quantity ?? 0),
        quantityAfter: change.quantity,
        reason: change.reason,
        actorId: change.actorId,
      });
      return change.quantity;
    });
  }

  /** Adds levels that do not exist yet (seeding); existing levels are left alone. */
  async insertMissing(levels: readonly { productId: string; quantity: number }[]): Promise<number> {
    if (levels.length === 0) return 0;
    return inTransaction(this.db, async (tx) => {
      const inserted = await tx
        .insert(stockLevels)
        .values([...levels])
        .onConflictDoNothing()
        .returning({ productId: stockLevels.productId, quantity: stockLevels.quantity });
      if (inserted.length > 0) {
        await tx.insert(stockMovements).values(
          inserted.map((row) => ({
            productId: row.productId,
            delta: row.quantity,
            quantityAfter: row.quantity,
            reason: 'seed',
            actorId: null,
          })),
        );
      }
      return inserted.length;
    });
  }

  async movements(productId: string) {
    return this.db.select().from(stockMovements).where(eq(stockMovements.productId, productId));
  }
}
