import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { handledEvents, idempotentHandler, outbox, type EventEnvelope } from '@agora/events';
import { connectPostgres, type Postgres } from '@agora/postgres';
import { count, eq } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from './database';
import { effects } from './event-effects';

const schema = { outbox, handledEvents, effects };
/** A database with an outbox, handled_events and the effects test consumers write. */
export type EventsTestDb = Postgres<typeof schema>;

export interface EventsHarness {
  database: TestDatabase;
  pg: EventsTestDb;
  stop: () => Promise<void>;
}

/**
 * A fresh database of the calling test's own with the outbox and handled_events tables
 * (as a service's migration creates them) and `effects`: where a test relays from, or
 * where a deduplicating test consumer records what it applied.
 */
export async function startEventsDb(): Promise<EventsHarness> {
  const database = await createTestDatabase('events', path.join(__dirname, '..', 'migrations', 'events'));
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

/** A consumer handler whose effect is one `effects` row per event, applied once (idempotentHandler). */
export function recordingHandler(pg: EventsTestDb, consumer: string): (event: EventEnvelope) => Promise<void> {
  return idempotentHandler(pg.db, consumer, async (event, tx) => {
    await tx.insert(effects).values({ consumer, eventId: event.id });
  });
}

/** How many effects `consumer` has applied. */
export async function effectCount(pg: EventsTestDb, consumer: string): Promise<number> {
  const [row] = await pg.db.select({ n: count() }).from(effects).where(eq(effects.consumer, consumer));
  return row?.n ?? 0;
}
