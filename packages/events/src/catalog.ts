import { z } from 'zod';

/** An amount in minor units (cents) and its ISO 4217 currency, as the `Money` GraphQL type. */
const money = z.object({ amount: z.number().int(), currency: z.string().min(1) });

/**
 * Every integration event, one zod schema per type and version (see EVENTS.md).
 * A breaking change adds a version next to the old one: consumers keep parsing
 * what is still in queues and outboxes while producers move to the new one.
 */
export const eventSchemas = {
  ProductChanged: {
    1: z.object({
      productId: z.string().min(1),
      slug: z.string(),
      name: z.string(),
      description: z.string(),
      brand: z.string(),
      categoryId: z.string(),
      price: money,
    }),
  },
  ProductDeleted: {
    1: z.object({ productId: z.string().min(1) }),
  },
  OrderPlaced: {
    1: z.object({
      orderId: z.string().min(1),
      userId: z.string().min(1),
      items: z.array(
        z.object({ productId: z.string().min(1), quantity: z.number().int().positive(), unitPrice: money }),
      ),
      total: money,
    }),
  },
  OrderConfirmed: {
    1: z.object({ orderId: z.string().min(1), userId: z.string().min(1) }),
  },
  OrderCancelled: {
    1: z.object({ orderId: z.string().min(1), userId: z.string().min(1), reason: z.string() }),
  },
  PaymentCaptured: {
    1: z.object({ paymentId: z.string().min(1), orderId: z.string().min(1), amount: money }),
  },
} as const;

type Schemas = typeof eventSchemas;

/** The name of an integration event, e.g. `OrderPlaced`. */
export type EventType = keyof Schemas;

/** The versions that exist of event `T`. */
export type EventVersion<T extends EventType> = keyof Schemas[T] & number;

/** The version producers write today; bump it when a new version is added. */
export const currentVersions = {
  ProductChanged: 1,
  ProductDeleted: 1,
  OrderPlaced: 1,
  OrderConfirmed: 1,
  OrderCancelled: 1,
  PaymentCaptured: 1,
} as const satisfies { [T in EventType]: EventVersion<T> };

export type CurrentVersion<T extends EventType> = (typeof currentVersions)[T];

/** The payload of event `T` at version `V` (the current one by default). */
export type EventPayload<T extends EventType, V extends EventVersion<T> = CurrentVersion<T>> =
  Schemas[T][V] extends z.ZodType<infer P> ? P : never;

/** The envelope every transport carries: routing metadata around a versioned payload. */
export type EventEnvelope<T extends EventType = EventType> = {
  [K in T]: {
    [V in EventVersion<K>]: {
      /** Unique per event (uuid): consumers deduplicate on it. */
      id: string;
      type: K;
      version: V;
      /** ISO 8601 time of the change that produced the event. */
      occurredAt: string;
      /** The service that produced the event, e.g. `orders`. */
      source: string;
      payload: EventPayload<K, V>;
      /** W3C trace context of the work that recorded the event (absent when it was not traced). */
      traceparent?: string;
      tracestate?: string;
    };
  }[EventVersion<K>];
}[T];

export const eventTypes = Object.keys(eventSchemas) as EventType[];

const envelopeHeader = z.object({
  id: z.uuid(),
  type: z.enum(eventTypes as [EventType, ...EventType[]]),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  source: z.string().min(1),
  payload: z.unknown(),
  // Tracing is never a reason to refuse an event: a malformed trace context is dropped.
  traceparent: z.string().max(256).optional().catch(undefined),
  tracestate: z.string().max(512).optional().catch(undefined),
});

/**
 * Validates a message taken off a transport. Throws (a poison message) when the
 * type or version is unknown or the payload does not match its schema.
 */
export function parseEnvelope(value: unknown): EventEnvelope {
  const header = envelopeHeader.parse(value);
  const versions: Record<number, z.ZodType | undefined> = eventSchemas[header.type];
  const schema = versions[header.version];
  if (!schema) throw new Error(`unknown version ${header.version} of event ${header.type}`);
  return { ...header, payload: schema.parse(header.payload) } as EventEnvelope;
}

/** Validates `payload` against the current schema of `type` (producers call it before writing). */
export function parseCurrentPayload<T extends EventType>(type: T, payload: EventPayload<T>): EventPayload<T> {
  const versions: Record<number, z.ZodType | undefined> = eventSchemas[type];
  const schema = versions[currentVersions[type]];
  if (!schema) throw new Error(`no schema for ${type} v${currentVersions[type]}`);
  return schema.parse(payload) as EventPayload<T>;
}
