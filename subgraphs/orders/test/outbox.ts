import { outbox, parseEnvelope, type EventEnvelope } from '@agora/events';
import { asc, eq, sql } from 'drizzle-orm';
import { orders } from '../src/db/schema';
import type { OrdersHarness } from './setup';

/** An outbox row as tests read it, with `xmin`: the id of the transaction that wrote it. */
export interface RecordedEvent {
  type: string;
  published: boolean;
  xmin: string;
  envelope: EventEnvelope;
}

/** The envelope the relay would publish for a row, validated against the events catalog. */
function envelopeOf(row: typeof outbox.$inferSelect): EventEnvelope {
  const { id, type, version, occurredAt, source, payload } = row;
  return parseEnvelope({ id, type, version, occurredAt: occurredAt.toISOString(), source, payload });
}

/** Every outbox row (of one order when given), in insertion order. */
export async function recordedEvents(service: OrdersHarness, orderId?: string): Promise<RecordedEvent[]> {
  const rows = await service.db.db
    .select({ row: outbox, xmin: sql<string>`${outbox}.xmin::text` })
    .from(outbox)
    .where(orderId ? sql`${outbox.payload}->>'orderId' = ${orderId}` : undefined)
    .orderBy(asc(outbox.seq));
  return rows.map(({ row, xmin }) => ({
    type: row.type,
    published: row.publishedAt !== null,
    xmin,
    envelope: envelopeOf(row),
  }));
}

/** The transaction that last wrote the order's row. */
export async function orderXmin(service: OrdersHarness, orderId: string): Promise<string> {
  const [row] = await service.db.db
    .select({ xmin: sql<string>`${orders}.xmin::text` })
    .from(orders)
    .where(eq(orders.id, orderId));
  if (!row) throw new Error(`no order ${orderId}`);
  return row.xmin;
}
