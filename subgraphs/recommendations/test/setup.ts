import { randomBytes, randomUUID } from 'node:crypto';
import {
  connectEvents,
  PG_BOSS_SCHEMA,
  type EventEnvelope,
  type EventPayload,
  type EventType,
  type Events,
} from '@agora/events';
import type { Caller } from '@agora/subgraph-kit';
import { baseContext, createTestDatabase, execute, type OperationResult, waitFor } from '@agora/testing';
import { and, eq } from 'drizzle-orm';
import pg from 'pg';
import { createRecommendationsService } from '../src/app';
import { CONSUMER, startRecommendationsConsumer } from '../src/consumer';
import type { Context } from '../src/context';
import { MIGRATIONS_FOLDER } from '../src/db';
import { handledEvents } from '../src/db/schema';

/** Tests read results by path. */
export type Result = OperationResult<Record<string, any>>;

export type RecommendationsHarness = ReturnType<typeof createRecommendationsService> & {
  events: Events;
  run: (caller: Caller | null, query: string, variables?: Record<string, unknown>) => Promise<Result>;
  /** Publishes an event through the real transport and waits until the consumer applied it. */
  publish: <T extends EventType>(type: T, payload: EventPayload<T>) => Promise<EventEnvelope<T>>;
  /** Publishes the same envelope again and waits until that delivery was handled (and skipped). */
  redeliver: (event: EventEnvelope) => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * The recommendations service on a database of this file's own, fed by its consumer
 * over the real pg-boss transport (in a second database, the shared events database
 * of a deployment).
 */
export async function startRecommendations(): Promise<RecommendationsHarness> {
  const database = await createTestDatabase('recommendations', MIGRATIONS_FOLDER);
  const eventsDatabase = await createTestDatabase('recommendations_events');
  const service = createRecommendationsService({ databaseUrl: database.url });
  await service.server.start();
  const events = await connectEvents({ databaseUrl: eventsDatabase.url, pollingIntervalSeconds: 0.5 });
  await startRecommendationsConsumer({ db: service.db, subscriber: events.subscriber });
  const jobs = new pg.Pool({ connectionString: eventsDatabase.url, max: 1 });

  const applied = async (id: string) =>
    (await service.db.db.$count(
      handledEvents,
      and(eq(handledEvents.consumer, CONSUMER), eq(handledEvents.eventId, id)),
    )) === 1;
  // Whether a delivery was applied or skipped, pg-boss marks its job completed.
  const completedDeliveries = async (id: string) => {
    const { rows } = await jobs.query<{ n: number }>(
      `select count(*)::int as n from ${PG_BOSS_SCHEMA}.job where name = $1 and state = 'completed' and data->>'id' = $2`,
      [`${CONSUMER}.events`, id],
    );
    return rows[0]?.n ?? 0;
  };

  return {
    ...service,
    events,
    run: (caller, query, variables) =>
      execute(service.server, service.createContext(baseContext(caller)) as Context, query, variables),
    publish: async (type, payload) => {
      const event = envelope(type, payload);
      // Every EventEnvelope<T> is an EventEnvelope; TypeScript cannot see it for a generic T.
      await events.publisher.publish(event as EventEnvelope);
      await waitFor(() => applied(event.id));
      return event;
    },
    redeliver: async (event) => {
      const before = await completedDeliveries(event.id);
      await events.publisher.publish(event);
      await waitFor(async () => (await completedDeliveries(event.id)) > before);
    },
    stop: async () => {
      await events.close();
      await jobs.end();
      await service.server.stop();
      await service.close();
      await eventsDatabase.drop();
      await database.drop();
    },
  };
}

function envelope<T extends EventType>(type: T, payload: EventPayload<T>): EventEnvelope<T> {
  const source = type.startsWith('Product') ? 'catalog' : 'orders';
  // The current version of every type is 1; the cast names the version for the union.
  return {
    id: randomUUID(),
    type,
    version: 1,
    occurredAt: new Date().toISOString(),
    source,
    payload,
  } as EventEnvelope<T>;
}

/** Ids of this test's own, so tests sharing a database never see each other's products. */
export function ids(prefix: string, count: number): string[] {
  const run = randomBytes(3).toString('hex');
  return Array.from({ length: count }, (_, n) => `${prefix}-${run}-${n + 1}`);
}

export function customer(): Caller {
  return { userId: `user-${randomUUID()}`, roles: ['customer'] };
}

/** Places (and waits for) an order of one unit of each product, or the given quantities. */
export function placeOrder(
  harness: RecommendationsHarness,
  userId: string,
  items: readonly (string | [string, number])[],
): Promise<EventEnvelope<'OrderPlaced'>> {
  const lines = items.map((item) => (typeof item === 'string' ? ([item, 1] as const) : item));
  return harness.publish('OrderPlaced', {
    orderId: randomUUID(),
    userId,
    items: lines.map(([productId, quantity]) => ({
      productId,
      quantity,
      unitPrice: { amount: 1000, currency: 'USD' },
    })),
    total: { amount: 1000 * lines.reduce((sum, [, quantity]) => sum + quantity, 0), currency: 'USD' },
  });
}

/** Announces a product in a category, as the catalog does when it is created. */
export function listProduct(harness: RecommendationsHarness, productId: string, categoryId: string) {
  return harness.publish('ProductChanged', {
    productId,
    categoryId,
    slug: productId,
    name: productId,
    description: '',
    brand: 'Test',
    price: { amount: 1000, currency: 'USD' },
  });
}

export const PRODUCT_RECOMMENDATIONS = `query ($id: ID!, $first: Int) {
  _entities(representations: [{ __typename: "Product", id: $id }]) {
    ... on Product { recommendations(first: $first) { id } }
  }
}`;

/** The ids recommended with a product; fails the test on any error. */
export async function recommendationsFor(
  harness: RecommendationsHarness,
  productId: string,
  first?: number,
): Promise<string[]> {
  const result = await harness.run(null, PRODUCT_RECOMMENDATIONS, { id: productId, first });
  if (result.errors) throw new Error(`recommendations failed: ${JSON.stringify(result.errors)}`);
  return (result.data?._entities[0].recommendations as { id: string }[]).map((product) => product.id);
}
