import { PollLoop } from '@agora/subgraph-kit';
import { asc, eq, isNull, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { EventEnvelope } from './catalog';
import { outbox, type OutboxRow } from './outbox';
import { errorMessage, type Publisher } from './transport';

export interface OutboxRelayOptions<TSchema extends Record<string, unknown>> {
  /** The producing service's database, the one holding its `outbox` table. */
  db: NodePgDatabase<TSchema>;
  publisher: Publisher;
  /** Rows claimed per transaction (default 100). */
  batchSize?: number;
  /** A publish that has not been confirmed by then counts as failed (default 10 000 ms). */
  publishTimeoutMs?: number;
  /** Told about failed publishes and unexpected errors of the poll loop (default: console.error). */
  onError?: (error: Error) => void;
}

export interface RelayResult {
  published: number;
  failed: number;
}

/**
 * Moves committed outbox rows to the transport. Rows are claimed in insertion order
 * with `for update skip locked`, so several relay instances share the work without
 * publishing a row twice at once; a row is marked published only after the
 * publisher confirmed it. A failure keeps the row (attempts + 1, last_error) and
 * ends the pass, so later events do not overtake it; the next pass tries again.
 * Delivery is at least once (a crash between confirm and commit republishes):
 * consumers deduplicate with idempotentHandler.
 */
export class OutboxRelay<TSchema extends Record<string, unknown>> {
  private readonly batchSize: number;
  private readonly publishTimeoutMs: number;
  private readonly onError: (error: Error) => void;
  private readonly loop: PollLoop;

  constructor(private readonly options: OutboxRelayOptions<TSchema>) {
    this.batchSize = options.batchSize ?? 100;
    this.publishTimeoutMs = options.publishTimeoutMs ?? 10_000;
    this.onError = options.onError ?? ((error) => console.error(`outbox relay: ${error.message}`));
    this.loop = new PollLoop(() => this.relayOnce(), this.onError);
  }

  /** Publishes everything unpublished, batch after batch, until none is left or a publish fails. */
  async relayOnce(): Promise<RelayResult> {
    const total: RelayResult = { published: 0, failed: 0 };
    for (;;) {
      const batch = await this.relayBatch();
      total.published += batch.published;
      total.failed += batch.failed;
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
    return this.options.db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(outbox)
        .where(isNull(outbox.publishedAt))
        .orderBy(asc(outbox.seq))
        .limit(this.batchSize)
        .for('update', { skipLocked: true });
      let published = 0;
      for (const row of rows) {
        try {
          await this.publish(toEnvelope(row));
        } catch (error) {
          const message = errorMessage(error);
          await tx
            .update(outbox)
            .set({ attempts: sql`${outbox.attempts} + 1`, lastError: message })
            .where(eq(outbox.id, row.id));
          this.onError(new Error(`publishing ${row.type} ${row.id} failed: ${message}`));
          return { published, failed: 1, claimed: rows.length };
        }
        await tx
          .update(outbox)
          .set({ publishedAt: new Date(), attempts: sql`${outbox.attempts} + 1`, lastError: null })
          .where(eq(outbox.id, row.id));
        published += 1;
      }
      return { published, failed: 0, claimed: rows.length };
    });
  }

  private async publish(event: EventEnvelope): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`not confirmed within ${this.publishTimeoutMs} ms`)),
        this.publishTimeoutMs,
      );
    });
    try {
      await Promise.race([this.options.publisher.publish(event), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function toEnvelope(row: OutboxRow): EventEnvelope {
  // recordEvent validated the payload against its schema when it wrote the row.
  return {
    id: row.id,
    type: row.type,
    version: row.version,
    occurredAt: row.occurredAt.toISOString(),
    source: row.source,
    payload: row.payload,
  } as EventEnvelope;
}
