import type { Executor } from '@agora/postgres';
import { and, asc, count, isNull } from 'drizzle-orm';
import { Gauge, type Metric } from 'prom-client';
import { outbox } from './outbox';

/** What waits in a producer's outbox: events not yet published (parked ones aside) and when the oldest occurred. */
export interface OutboxBacklog {
  waiting: number;
  /** null when nothing waits. */
  oldestOccurredAt: Date | null;
}

/**
 * The outbox's health, read at each scrape from `readBacklog`:
 * `agora_outbox_unpublished_events` (waiting for the relay, parked ones aside) and
 * `agora_outbox_oldest_unpublished_age_seconds` (0 when none waits). A growing age
 * means the relay is stuck: the broker is down or the relay is not running. When the
 * store does not answer, both read NaN rather than a stale or reassuring value.
 * One scrape reads the backlog once: both gauges share the read in flight.
 * Unregistered: list them in the service's `metrics`.
 */
export function outboxMetrics(readBacklog: () => Promise<OutboxBacklog>): Metric[] {
  let reading: Promise<OutboxBacklog> | null = null;
  const backlog = (): Promise<OutboxBacklog> =>
    (reading ??= readBacklog().finally(() => {
      reading = null;
    }));
  const unpublished = new Gauge({
    name: 'agora_outbox_unpublished_events',
    help: 'Outbox events not yet published (parked events aside).',
    registers: [],
    async collect() {
      try {
        this.set((await backlog()).waiting);
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
        const { oldestOccurredAt } = await backlog();
        this.set(oldestOccurredAt ? Math.max(0, (Date.now() - oldestOccurredAt.getTime()) / 1000) : 0);
      } catch {
        this.set(Number.NaN);
      }
    },
  });
  return [unpublished, oldestAge];
}

/** The backlog of the PostgreSQL outbox table on `db` (through the relay's index). */
export function postgresOutboxBacklog<TSchema extends Record<string, unknown>>(
  db: Executor<TSchema>,
): () => Promise<OutboxBacklog> {
  const waiting = and(isNull(outbox.publishedAt), isNull(outbox.parkedAt));
  return async () => {
    const [row] = await db.select({ n: count() }).from(outbox).where(waiting);
    const [oldest] = await db
      .select({ occurredAt: outbox.occurredAt })
      .from(outbox)
      .where(waiting)
      .orderBy(asc(outbox.seq))
      .limit(1);
    return { waiting: row?.n ?? 0, oldestOccurredAt: oldest?.occurredAt ?? null };
  };
}
