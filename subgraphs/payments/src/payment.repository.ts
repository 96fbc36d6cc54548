import { eventRecorder, type EventPayload, type EventType } from '@agora/events';
import { inTransaction, isUniqueViolation, isUuid, type Executor } from '@agora/postgres';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { schema } from './db';
import { payments, type NewPayment, type PaymentRow, type PaymentStatus } from './db/schema';

const recordEvent = eventRecorder('payments');

/** Payments: data access only (no GraphQL, no rules). */
export class PaymentRepository {
  constructor(private readonly db: Executor<typeof schema>) {}

  /** Runs `work` in one transaction with a repository bound to it: all of it or nothing. */
  transaction<T>(work: (payments: PaymentRepository) => Promise<T>): Promise<T> {
    return inTransaction(this.db, (tx) => work(new PaymentRepository(tx)));
  }

  /** Payments by id, in one query; unknown ids (and ids that are not UUIDs) are absent. */
  async byIds(ids: readonly string[]): Promise<Map<string, PaymentRow>> {
    const valid = ids.filter((id) => isUuid(id));
    if (valid.length === 0) return new Map();
    const rows = await this.db.select().from(payments).where(inArray(payments.id, valid));
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Payments by order id, in one query. */
  async byOrderIds(orderIds: readonly string[]): Promise<Map<string, PaymentRow>> {
    if (orderIds.length === 0) return new Map();
    const rows = await this.db
      .select()
      .from(payments)
      .where(inArray(payments.orderId, [...orderIds]));
    return new Map(rows.map((row) => [row.orderId, row]));
  }

  async byOrderId(orderId: string): Promise<PaymentRow | null> {
    return (await this.byOrderIds([orderId])).get(orderId) ?? null;
  }

  /** Inserts a payment; null when the order already has one (another request got there first). */
  async insert(payment: NewPayment): Promise<PaymentRow | null> {
    try {
      const [row] = await this.db.insert(payments).values(payment).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /**
   * Moves a payment from `from` to `to`; null when it is no longer in `from` (a
   * concurrent request moved it first), so no change is ever applied twice.
   */
  async changeStatus(id: string, from: PaymentStatus, to: PaymentStatus): Promise<PaymentRow | null> {
    const [row] = await this.db
      .update(payments)
      .set({ status: to, updatedAt: sql`now()` })
      .where(and(eq(payments.id, id), eq(payments.status, from)))
      .returning();
    return row ?? null;
  }

  /**
   * Writes an integration event to the payments outbox. Called on a repository from
   * `transaction`, so the event commits or rolls back with the change it describes.
   */
  async recordEvent<T extends EventType>(type: T, payload: EventPayload<T>): Promise<void> {
    await recordEvent(this.db, type, payload);
  }
}
