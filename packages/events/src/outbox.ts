import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { currentTraceContext } from '@agora/telemetry';
import { currentVersions, parseCurrentPayload, type EventEnvelope, type EventPayload, type EventType } from './catalog';

/**
 * Events waiting to be relayed, written in the same transaction as the change they
 * describe. A producing service re-exports this table from its own db/schema.ts so
 * drizzle-kit puts it in that service's migrations.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey(),
    // Relay order: insertion order, which timestamps alone cannot break ties in.
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    type: text('type').notNull(),
    version: integer('version').notNull(),
    source: text('source').notNull(),
    payload: jsonb('payload').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /**
     * When the relay gave up on the event because it can never be published as it is
     * (invalid envelope, content the transport refuses); `last_error` says why. The
     * relay skips parked events; `npm run dead-letters -- outbox <service>` lists them.
     */
    parkedAt: timestamp('parked_at', { withTimezone: true }),
    /** W3C trace context of the transaction that recorded the event (null when untraced). */
    traceparent: text('traceparent'),
    tracestate: text('tracestate'),
  },
  (table) => [
    // The relay's queue: what is neither published nor parked, in insertion order.
    index('outbox_unpublished_idx')
      .on(table.seq)
      .where(sql`${table.publishedAt} is null and ${table.parkedAt} is null`),
  ],
);

export type OutboxRow = typeof outbox.$inferSelect;

/** What recordEvent needs of a drizzle handle: a transaction (the point) or the database itself, whatever its schema. */
export type OutboxWriter = Pick<PgDatabase<PgQueryResultHKT>, 'insert'>;

/** Writes event `type` into the outbox inside `tx`; commits or rolls back with it. */
export type RecordEvent = <T extends EventType>(
  tx: OutboxWriter,
  type: T,
  payload: EventPayload<T>,
) => Promise<EventEnvelope<T>>;

/**
 * The outbox writer of service `source`. A service creates it once
 * (`export const recordEvent = eventRecorder('orders')`) and calls
 * `recordEvent(tx, 'OrderPlaced', payload)` where it changes its data; the payload
 * is type-checked and validated against the current schema of that event. When the
 * work is traced, the envelope carries its trace context, so the consumers' spans join
 * the trace that caused the event.
 */
export function eventRecorder(source: string): RecordEvent {
  return async (tx, type, payload) => {
    const envelope = {
      id: randomUUID(),
      type,
      version: currentVersions[type],
      occurredAt: new Date().toISOString(),
      source,
      payload: parseCurrentPayload(type, payload),
      ...currentTraceContext(),
    };
    await tx.insert(outbox).values({ ...envelope, occurredAt: new Date(envelope.occurredAt) });
    return envelope;
  };
}
