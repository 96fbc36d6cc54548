import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { connectPostgres, type Postgres } from '@agora/postgres';
import { createTestDatabase, type TestDatabase } from '@agora/testing';
import { count, eq } from 'drizzle-orm';
import { eventRecorder, handledEvents, idempotentHandler, outbox, type EventPayload } from '../src';
import { effects } from './fixtures/effects';

const schema = { outbox, handledEvents, effects };
export type EventsTestDb = Postgres<typeof schema>;

export interface EventsHarness {
  database: TestDatabase;
  pg: EventsTestDb;
  stop: () => Promise<void>;
}

/** A database of this file's own with the outbox, handled_events and effects tables. */
export async function startEventsDb(): Promise<EventsHarness> {
  const database = await createTestDatabase('events', path.join(__dirname, 'fixtures', 'migrations'));
  const pg = connectPostgres(database.url, schema);
  return {
    database,
    pg,
    stop: async () => {
      await pg.close();
      await database.drop();
    },
  };
}

/** A name no other test run uses, for consumers, exchanges and queues. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export const recordEvent = eventRecorder('orders');

export function orderPlaced(orderId = randomBytes(4).toString('hex')): EventPayload<'OrderPlaced'> {
  return {
    orderId,
    userId: 'user-1',
    items: [{ productId: 'product-1', quantity: 2, unitPrice: { amount: 1250, currency: 'EUR' } }],
    total: { amount: 2500, currency: 'EUR' },
  };
}

/** A consumer handler whose effect is one `effects` row per event, written idempotently. */
export function recordingHandler(pg: EventsTestDb, consumer: string) {
  return idempotentHandler(pg.db, consumer, async (event, tx) => {
    await tx.insert(effects).values({ consumer, eventId: event.id });
  });
}

/** How many effects `consumer` has applied (per event id when given). */
export async function effectCount(pg: EventsTestDb, consumer: string): Promise<number> {
  const [row] = await pg.db.select({ n: count() }).from(effects).where(eq(effects.consumer, consumer));
  return row?.n ?? 0;
}
