import { inTransaction, type Executor } from '@agora/postgres';
import { inSpanContinuing } from '@agora/telemetry';
import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { EventEnvelope } from './catalog';

/**
 * The events each consumer has applied. A consuming service re-exports this table
 * from its own db/schema.ts so it lands in that service's migrations.
 */
export const handledEvents = pgTable(
  'handled_events',
  {
    consumer: text('consumer').notNull(),
    eventId: uuid('event_id').notNull(),
    handledAt: timestamp('handled_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.consumer, table.eventId] })],
);

/**
 * Wraps `handler` so a redelivered event has its effect once: in one transaction it
 * records (consumer, event id) in handled_events and runs the handler with that
 * transaction (an `Executor`: everything the handler writes goes into it); an id
 * already recorded is skipped. A handler that throws rolls the
 * record back with its own writes, so the retry runs it again. Two deliveries at
 * once serialize on the primary key: the second waits, then skips. Each delivery runs
 * in a span `<consumer> process <type>` that continues the trace the envelope carries.
 */
export function idempotentHandler<TSchema extends Record<string, unknown>, TEvent extends EventEnvelope>(
  db: Executor<TSchema>,
  consumer: string,
  handler: (event: TEvent, tx: Executor<TSchema>) => Promise<void>,
): (event: TEvent) => Promise<void> {
  return (event) =>
    inSpanContinuing(
      `${consumer} process ${event.type}`,
      event,
      () =>
        inTransaction(db, async (tx) => {
          const recorded = await tx
            .insert(handledEvents)
            .values({ consumer, eventId: event.id })
            .onConflictDoNothing()
            .returning({ eventId: handledEvents.eventId });
          if (recorded.length === 0) return;
          await handler(event, tx);
        }),
      { 'messaging.operation.type': 'process', 'messaging.message.id': event.id, 'agora.consumer': consumer },
    );
}
