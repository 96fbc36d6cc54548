import type { OutboxBacklog } from '@agora/events';
import type { StoreCollection, StoredProduct } from '../store';
import { WITH_PENDING } from './outbox-relay';

/**
 * The backlog of the catalog's outbox, for the shared outbox gauges (outboxMetrics): the
 * `pendingEvents` of every product document, and when the oldest of them occurred.
 * Parked events are on `parkedEvents` and do not count.
 */
export function catalogOutboxBacklog(products: StoreCollection<StoredProduct>): () => Promise<OutboxBacklog> {
  return async () => {
    const documents = await products.find(WITH_PENDING, { projection: { pendingEvents: 1 } }).toArray();
    const occurred = documents.flatMap((document) =>
      (document.pendingEvents ?? []).map((event) => Date.parse(event.occurredAt)),
    );
    return {
      waiting: occurred.length,
      // reduce, not Math.min(...): a long backlog would overflow the argument list.
      oldestOccurredAt: occurred.length === 0 ? null : new Date(occurred.reduce((a, b) => Math.min(a, b))),
    };
  };
}
