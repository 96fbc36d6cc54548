import { publishStoredEvent, type Publisher } from '@agora/events';
import { PollLoop } from '@agora/subgraph-kit';
import type { StoreCollection, StoredProduct } from '../store';
import type { ParkedEvent, PendingEvent } from './product-events';

export interface CatalogOutboxRelayOptions {
  /** The catalog's products: each carries its own unpublished events. */
  products: StoreCollection<StoredProduct>;
  publisher: Publisher;
  /** Documents looked at per pass (default 100). */
  batchSize?: number;
  /** A publish not confirmed by then counts as failed (default 10 000 ms). */
  publishTimeoutMs?: number;
  /** Told about failed publishes, parked events and errors of the poll loop (default: console.error). */
  onError?: (error: Error) => void;
}

export interface CatalogRelayResult {
  published: number;
  /** Events kept for a later pass because the transport failed (0 or 1: the pass ends there). */
  failed: number;
  /** Events moved to the document's `parkedEvents`: they can never be published as they are. */
  parked: number;
}

/** What one document's pass did: the events that went out, those parked, and whether the transport failed. */
interface DocumentPass {
  published: string[];
  parked: ParkedEvent[];
  failed: boolean;
}

/** The product documents that carry events not yet published. */
export const WITH_PENDING = { 'pendingEvents.id': { $exists: true } } as const;

/**
 * The catalog's outbox relay: the outbox is the `pendingEvents` array on each product
 * document (see ProductRepository). It publishes a document's events in the order
 * they were recorded and then pulls exactly the ids it is done with, so an event
 * recorded meanwhile stays. A transport failure keeps that event and the ones after
 * it on the document and ends the pass; the next pass tries again. An event that can
 * never be published (an invalid envelope, content the transport refuses, such as a
 * NUL the pg-boss transport cannot store) moves to the document's `parkedEvents` and
 * the events after it go on: the product's later changes still reach consumers.
 * A pass marks every document it is done with in one batch write at its end (one
 * write of the in-process engine's file per pass, not one per document). Delivery is
 * at least once: a crash between the confirms and that write republishes the pass's
 * events, none is lost; consumers deduplicate on the event id.
 */
export class CatalogOutboxRelay {
  private readonly batchSize: number;
  private readonly publishTimeoutMs: number;
  private readonly onError: (error: Error) => void;
  private readonly loop: PollLoop<CatalogRelayResult>;

  constructor(private readonly options: CatalogOutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 100;
    this.publishTimeoutMs = options.publishTimeoutMs ?? 10_000;
    this.onError = options.onError ?? ((error) => console.error(`catalog outbox relay: ${error.message}`));
    this.loop = new PollLoop(() => this.pass(), this.onError);
  }

  /**
   * One pass over (up to batchSize) documents with pending events, ending early if the
   * transport fails. Queued behind the polled pass in progress, never beside it, so a
   * pass asked for by hand (catchUp) never publishes what a polled one does.
   */
  relayOnce(): Promise<CatalogRelayResult> {
    return this.loop.runNow();
  }

  /** Polls every `intervalMs` until stop(); a pass never overlaps the previous one. */
  start(intervalMs = 1000): void {
    this.loop.start(intervalMs);
  }

  /** Stops polling and waits for the pass in progress. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Publishes document after document, then marks everything it is done with in one batch write. */
  private async pass(): Promise<CatalogRelayResult> {
    const documents = await this.options.products.find(WITH_PENDING).limit(this.batchSize).toArray();
    const total: CatalogRelayResult = { published: 0, failed: 0, parked: 0 };
    const passes = new Map<string, DocumentPass>();
    for (const document of documents) {
      const pass = await this.publishAll(document.pendingEvents ?? []);
      passes.set(document._id, pass);
      total.published += pass.published.length;
      total.parked += pass.parked.length;
      if (pass.failed) {
        total.failed += 1;
        break;
      }
    }
    await this.clear(passes);
    return total;
  }

  /** Publishes in order, parking what can never go out, stopping at a transport failure so later events wait. */
  private async publishAll(events: readonly PendingEvent[]): Promise<DocumentPass> {
    const pass: DocumentPass = { published: [], parked: [], failed: false };
    for (const event of events) {
      // Validated again: what a document holds must still be a well-formed event.
      const outcome = await publishStoredEvent(this.options.publisher, event, this.publishTimeoutMs);
      if (outcome.status === 'published') {
        pass.published.push(event.id);
      } else if (outcome.status === 'unpublishable') {
        this.onError(new Error(`parked ${event.type} ${event.id}: ${outcome.error}`));
        pass.parked.push({ ...event, error: outcome.error, parkedAt: new Date() });
      } else {
        this.onError(new Error(`publishing ${event.type} ${event.id} failed: ${outcome.error}`));
        pass.failed = true;
        break;
      }
    }
    return pass;
  }

  /**
   * Takes the published and parked events off their documents (keeping the parked ones
   * aside) in one batch: one write of the store per pass, not one per document.
   */
  private async clear(passes: ReadonlyMap<string, DocumentPass>): Promise<void> {
    const operations = [...passes]
      .filter(([, pass]) => pass.published.length > 0 || pass.parked.length > 0)
      .map(([productId, pass]) => ({
        updateOne: {
          filter: { _id: productId },
          update: {
            $pull: { pendingEvents: { id: { $in: [...pass.published, ...pass.parked.map((event) => event.id)] } } },
            ...(pass.parked.length > 0 ? { $push: { parkedEvents: { $each: pass.parked } } } : {}),
          },
        },
      }));
    if (operations.length > 0) await this.options.products.bulkWrite(operations);
  }
}

/** A parked event and the product whose document keeps it. */
export interface ParkedProductEvent extends ParkedEvent {
  productId: string;
}

/** Every parked event of the catalog, the earliest parked first (read only: `npm run dead-letters` lists them). */
export async function parkedProductEvents(products: StoreCollection<StoredProduct>): Promise<ParkedProductEvent[]> {
  const documents = await products.find({ 'parkedEvents.0': { $exists: true } }).toArray();
  return documents
    .flatMap((document) => (document.parkedEvents ?? []).map((event) => ({ ...event, productId: document._id })))
    .sort((a, b) => a.parkedAt.getTime() - b.parkedAt.getTime());
}
