import { idempotentHandler, type Subscriber, type SubscribeOptions } from '@agora/events';
import type { RecommendationsDb } from './db';
import { applyOrderCancelled, applyOrderPlaced, applyProductChanged, applyProductDeleted } from './read-model.writer';

/** The consumer name: the queue is `recommendations.events`, handled events are recorded under it. */
export const CONSUMER = 'recommendations';

export interface RecommendationsConsumerOptions {
  db: RecommendationsDb;
  subscriber: Subscriber;
  /** Retry and concurrency settings of the subscription (the transport's defaults otherwise). */
  subscribeOptions?: SubscribeOptions;
}

/**
 * Keeps the read model up to date: each event is applied once (handled_events), in
 * one transaction with the record that it was.
 */
export async function startRecommendationsConsumer(options: RecommendationsConsumerOptions): Promise<void> {
  const { db, subscriber } = options;
  await subscriber.subscribe(
    CONSUMER,
    {
      OrderPlaced: idempotentHandler(db.db, CONSUMER, (event, tx) => applyOrderPlaced(tx, event.payload)),
      OrderCancelled: idempotentHandler(db.db, CONSUMER, (event, tx) => applyOrderCancelled(tx, event.payload)),
      ProductChanged: idempotentHandler(db.db, CONSUMER, (event, tx) =>
        applyProductChanged(tx, event.payload, new Date(event.occurredAt)),
      ),
      ProductDeleted: idempotentHandler(db.db, CONSUMER, (event, tx) =>
        applyProductDeleted(tx, event.payload, new Date(event.occurredAt)),
      ),
    },
    options.subscribeOptions,
  );
}
