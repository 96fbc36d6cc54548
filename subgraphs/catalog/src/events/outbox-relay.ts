import { errorMessage, parseEnvelope, type Publisher } from '@agora/events';
import { PollLoop } from '@agora/subgraph-kit';
import type { StoreCollection, StoredProduct } from '../store';
import type { PendingEvent } from './product-events';

export interface CatalogOutboxRelayOptions {
  /** The catalog's products: each carries its own unpublished events. */
  products: StoreCollection<StoredProduct>;
  publisher: Publisher;
  /** Documents looked at per pass (default 100). */
  batchSize?: number;
  /** A publish not confirmed by then counts as failed (default 10 000 ms). */
  publishTimeoutMs?: number;
  /** Told about failed publishes and errors of the poll loop (default: console.error). */
  onError?: (error: Error) => void;
}

export interface CatalogRelayResult {
  published: number;
  failed: number;
}

const WITH_PENDING = { 'pendingEvents.id': { $exists: true } } as const;

/**
 * The catalog's outbox relay: the outbox is the `pendingEvents` array on each product
 * document (see ProductsRepository). It publishes a document's events in the order
 * they were recorded and then pulls exactly the ids the publisher confirmed, so an
 * event recorded meanwhile stays; a failed publish keeps that event and the ones
 * after it on the document for the next pass. Delivery is at least once (a crash
 * between confirm and pull republishes): consumers deduplicate on the event id.
 */
export class CatalogOutboxRelay {
  private readonly batchSize: number;
  private readonly publishTimeoutMs: number;
  private readonly onError: (error: Error) => void;
  private readonly loop: PollLoop;

  constructor(private readonly options: CatalogOutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 100;
    this.publishTimeoutMs = options.publishTimeoutMs ?? 10_000;
    this.onError = options.onError ?? ((error) => console.error(`catalog outbox relay: ${error.message}`));
    this.loop = new PollLoop(() => this.relayOnce(), this.onError);
  }

  /** One pass over (up to batchSize) documents with pending events. */
  async relayOnce(): Promise<CatalogRelayResult> {
    const documents = await this.options.products.find(WITH_PENDING).limit(this.batchSize).toArray();
    const total: CatalogRelayResult = { published: 0, failed: 0 };
    for (const document of documents) {
      const published = await this.publishAll(document.pendingEvents ?? []);
      total.published += published.length;
      if (published.length < (document.pendingEvents ?? []).length) total.failed += 1;
      if (published.length > 0) await this.clear(document._id, published);
    }
    return total;
  }

  /** Polls every `intervalMs` until stop(); a pass never overlaps the previous one. */
  start(intervalMs = 1000): void {
    this.loop.start(intervalMs);
  }

  /** Stops polling and waits for the pass in progress. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** The ids published, in order, stopping at the first failure so later events do not overtake it. */
  private async publishAll(events: readonly PendingEvent[]): Promise<string[]> {
    const published: string[] = [];
    for (const event of events) {
      try {
        await this.publish(event);
      } catch (error) {
        this.onError(new Error(`publishing ${event.type} ${event.id} failed: ${errorMessage(error)}`));
        break;
      }
      published.push(event.id);
    }
    return published;
  }

  private async clear(productId: string, eventIds: string[]): Promise<void> {
    await this.options.products.findOneAndUpdate(
      { _id: productId },
      { $pull: { pendingEvents: { id: { $in: eventIds } } } },
      { returnDocument: 'after' },
    );
  }

  private async publish(event: PendingEvent): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`not confirmed within ${this.publishTimeoutMs} ms`)),
        this.publishTimeoutMs,
      );
    });
    try {
      // Validated again: what a document holds must still be a well-formed event.
      await Promise.race([this.options.publisher.publish(parseEnvelope(event)), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
