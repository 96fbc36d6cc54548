import { idempotentHandler, type EventEnvelope, type SubscribeOptions, type Subscriber } from '@agora/events';
import type { SearchDb } from './db';
import { SearchRepository, type IndexedProduct } from './search.repository';

/** The consumer name: its queue is `search.events`, its handled events recorded under it. */
export const CONSUMER = 'search';

export interface SearchConsumerOptions {
  db: SearchDb;
  subscriber: Subscriber;
  /** Retry settings of the subscription (tests shorten them); the transport's defaults otherwise. */
  subscribeOptions?: SubscribeOptions;
}

function indexedProduct(event: EventEnvelope<'ProductChanged'>): IndexedProduct {
  const { payload } = event;
  return {
    productId: payload.productId,
    name: payload.name,
    description: payload.description,
    brand: payload.brand,
    categoryId: payload.categoryId,
    priceAmount: payload.price.amount,
    currency: payload.price.currency,
    // The event's time orders versions of a product: an older one arriving late loses.
    updatedAt: new Date(event.occurredAt),
  };
}

/**
 * Keeps the index in step with the catalog: ProductChanged upserts, ProductDeleted
 * removes. Each event has its effect once (handled_events, in the same transaction).
 */
export async function startSearchConsumer(options: SearchConsumerOptions): Promise<void> {
  const { db, subscriber } = options;
  await subscriber.subscribe(
    CONSUMER,
    {
      ProductChanged: idempotentHandler(db.db, CONSUMER, (event: EventEnvelope<'ProductChanged'>, tx) =>
        new SearchRepository(tx).upsert([indexedProduct(event)]),
      ),
      ProductDeleted: idempotentHandler(db.db, CONSUMER, (event: EventEnvelope<'ProductDeleted'>, tx) =>
        new SearchRepository(tx).remove(event.payload.productId, new Date(event.occurredAt)),
      ),
    },
    options.subscribeOptions,
  );
}
