import { inTransaction, type Executor } from '@agora/postgres';
import { PollLoop } from '@agora/subgraph-kit';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { outbox, type OutboxRow } from './outbox';
import { publishStoredEvent } from './publish';
import type { Publisher } from './transport';

export interface OutboxRelayOptions<TSchema extends Record<string, unknown>> {
  /** The producing service's database, the one holding its `outbox` table. */
  db: Executor<TSchema>;
  publisher: Publisher;
  /** Rows claimed per transaction (default 100). */
  batchSize?: number;
  /** A publish that has not been confirmed by then counts as failed (default 10 000 ms). */
  publishTimeoutMs?: number;
  /** Told about failed publishes, parked events and unexpected errors of the poll loop (default: console.error). */
  onError?: (error: Error) => void;
}

export interface RelayResult {
  published: number;
  /** Events kept for a later pass because the transport failed (0 or 1: the pass ends there). */
  failed: number;
  /** Events set aside for good: they can never be published as they are. */
  parked: number;
}

/**
 * Moves committed outbox rows to the transport. Rows are claimed in insertion order
 * with `for update skip locked`, so several relay instances share the work without
 * publishing a row twice at once; a row is marked published only after the
 * publisher confirmed it. A transport failure (broker or queue database
 * unreachable, no confirmation in time) keeps the row (attempts + 1, last_error)
 * and ends the pass, so later events do not overtake it; the next pass tries again.
 * An event that can never be published (its envelope is invalid, or the transport
 * refuses its content) is parked instead (parked_at, last_error) and the pass goes
 * on: one poison event never holds up the events behind it. Delivery is at least
 * once (a crash between confirm and commit republishes): consumers deduplicate with
 * idempotentHandler.
 */
export class OutboxRelay<TSchema extends Record<string, unknown>> {
  private readonly batchSize: number;
  private readonly publishTimeoutMs: number;
  private readonly onError: (error: Error) => void;
  private readonly loop: PollLoop<RelayResult>;

  constructor(private readonly options: OutboxRelayOptions<TSchema>) {
    this.batchSize = options.batchSize ?? 100;
    this.publishTimeoutMs = options.publishTimeoutMs ?? 10_000;
    this.onError = options.onError ?? ((error) => console.error(`outbox relay: ${error.message}`));
    this.loop = new PollLoop(() => this.pass(), this.onError);
  }

  /**
   * Publishes everything unpublished, batch after batch, until none is left or the
   * transport fails. Queued behind the polled pass in progress, never beside it: rows
   * that pass holds locked would be skipped, and a catch-up would end with them unsent.
   */
  relayOnce(): Promise<RelayResult> {
    return this.loop.runNow();
  }

  /** Batch after batch until one is short or the transport fails. */
  private async pass(): Promise<RelayResult> {
    const total: RelayResult = { published: 0, failed: 0, parked: 0 };
    for (;;) {
      const batch = await this.relayBatch();
      total.published += batch.published;
      total.failed += batch.failed;
      total.parked += batch.parked;
      if (batch.failed > 0 || batch.claimed < this.batchSize) return total;
    }
  }

  /** Polls every `intervalMs` until stop(); a pass never overlaps the previous one. */
  start(intervalMs = 1000): void {
    this.loop.start(intervalMs);
  }

  /** Stops polling and waits for the pass in progress. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  private relayBatch(): Promise<RelayResult & { claimed: number }> {
    return inTransaction(this.options.db, async (tx) => {
      const rows = await tx
        .select()
        .from(outbox)
        .where(and(isNull(outbox.publishedAt), isNull(outbox.parkedAt)))
        .orderBy(asc(outbox.seq))
        .limit(this.batchSize)
        .for('update', { skipLocked: true });
      const result = { published: 0, failed: 0, parked: 0, claimed: rows.length };
      for (const row of rows) {
        const outcome = await publishStoredEvent(this.options.publisher, storedEnvelope(row), this.publishTimeoutMs);
        const attempts = sql`${outbox.attempts} + 1`;
        if (outcome.status === 'published') {
          await tx
            .update(outbox)
            .set({ publishedAt: new Date(), attempts, lastError: null })
            .where(eq(outbox.id, row.id));
          result.published += 1;
        } else if (outcome.status === 'unpublishable') {
          await tx
            .update(outbox)
            .set({ parkedAt: new Date(), attempts, lastError: outcome.error })
            .where(eq(outbox.id, row.id));
          this.onError(new Error(`parked ${row.type} ${row.id}: ${outcome.error}`));
          result.parked += 1;
        } else {
          await tx.update(outbox).set({ attempts, lastError: outcome.error }).where(eq(outbox.id, row.id));
          this.onError(new Error(`publishing ${row.type} ${row.id} failed: ${outcome.error}`));
          result.failed += 1;
          return result;
        }
      }
      return result;
    });
  }
}

/** The row as the envelope it stores (validated when it is published). */
function storedEnvelope(row: OutboxRow): unknown {
  return {
    id: row.id,
    type: row.type,
    version: row.version,
    occurredAt: row.occurredAt.toISOString(),
    source: row.source,
    payload: row.payload,
    ...(row.traceparent ? { traceparent: row.traceparent } : {}),
    ...(row.tracestate ? { tracestate: row.tracestate } : {}),
  };
}
