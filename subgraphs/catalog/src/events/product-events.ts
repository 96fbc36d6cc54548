import { randomUUID } from 'node:crypto';
import { currentVersions, parseCurrentPayload, type EventPayload, type EventType } from '@agora/events';
import { currentTraceContext, type TraceContextFields } from '@agora/telemetry';
import type { ProductDoc } from '../store/documents';

/**
 * An event envelope as the product document keeps it until the relay has published
 * it (see EVENTS.md). Plain JSON fields, so both engines store it as it is; the relay
 * validates it again with parseEnvelope before publishing.
 */
export interface PendingEvent extends TraceContextFields {
  id: string;
  type: EventType;
  version: number;
  occurredAt: string;
  source: string;
  payload: Record<string, unknown>;
}

/**
 * An event the relay set aside because it can never be published as it is (its
 * envelope is invalid, or the transport refused its content). It stays on the
 * document for operators to see (`npm run dead-letters -- outbox catalog`); the
 * product's next change records a new event with its current state.
 */
export interface ParkedEvent extends PendingEvent {
  /** Why it could not be published. */
  error: string;
  parkedAt: Date;
}

const EVENT_SOURCE = 'catalog';

function envelope<T extends EventType>(type: T, payload: EventPayload<T>): PendingEvent {
  return {
    id: randomUUID(),
    type,
    version: currentVersions[type],
    occurredAt: new Date().toISOString(),
    source: EVENT_SOURCE,
    payload: parseCurrentPayload(type, payload) as Record<string, unknown>,
    ...currentTraceContext(),
  };
}

/** ProductChanged carrying the product as it is after the write that records it. */
export function productChangedEvent(product: ProductDoc): PendingEvent {
  return envelope('ProductChanged', {
    productId: product._id,
    slug: product.slug,
    name: product.name,
    description: product.description,
    brand: product.brand,
    categoryId: product.categoryId,
    price: { amount: product.price.amount, currency: product.price.currency },
  });
}

export function productDeletedEvent(productId: string): PendingEvent {
  return envelope('ProductDeleted', { productId });
}
