import type { Executor } from '@agora/postgres';
import { and, asc, count, isNull } from 'drizzle-orm';
import { Gauge, type Metric } from 'prom-client';
import { outbox } from './outbox';

/**
 * The outbox's health, read from the table at each scrape through its relay index:
 * `agora_outbox_unpublished_events` (waiting for the relay, parked ones aside) and
 * `agora_outbox_oldest_unpublished_age_seconds` (0 when none waits). A growing age
 * means the relay is stuck: the broker is down or the relay is not running. When the
 * database does not answer, both read NaN rather than a stale or reassuring value.
 * Unregistered: list them in the service's `metrics`.
 */
export function outboxMetrics<TSchema extends Record<string, unknown>>(db: Executor<TSchema>): Metric[] {
  const waiting = and(isNull(outbox.publishedAt), isNull(outbox.parkedAt));
  const unpublished = new Gauge({
    name: 'agora_outbox_unpublished_events',
    help: 'Outbox events not yet published (parked events aside).',
    registers: [],
    async collect() {
      try {
        const [row] = await db.select({ n: count() }).from(outbox).where(waiting);
        this.set(row?.n ?? 0);
      } catch {
        this.set(Number.NaN);
      }
    },
  });
  const oldestAge = new Gauge({
    name: 'agora_outbox_oldest_unpublished_age_seconds',
    help: 'Age of the oldest outbox event not yet published, in seconds (0 when none waits).',
    registers: [],
    async collect() {
      try {
        const [oldest] = await db
          .select({ occurredAt: outbox.occurredAt })
          .from(outbox)
          .where(waiting)
          .orderBy(asc(outbox.seq))
          .limit(1);
        this.set(oldest ? Math.max(0, (Date.now() - oldest.occurredAt.getTime()) / 1000) : 0);
      } catch {
        this.set(Number.NaN);
      }
    },
  });
  return [unpublished, oldestAge];
}
