import { randomUUID } from 'node:crypto';
import {
  connectEvents,
  handledEvents,
  PG_BOSS_SCHEMA,
  type EventEnvelope,
  type EventPayload,
  type Events,
} from '@agora/events';
import {
  baseContext,
  createTestDatabase,
  execute,
  type OperationResult,
  type TestDatabase,
  waitFor,
} from '@agora/testing';
import { eq } from 'drizzle-orm';
import { Pool } from 'pg';
import { createSearchService } from '../src/app';
import type { Context } from '../src/context';
import { MIGRATIONS_FOLDER } from '../src/db';
import { CONSUMER, startSearchConsumer } from '../src/consumer';

export type SearchHarness = ReturnType<typeof createSearchService> & {
  events: Events;
  /** Publishes through the real transport and waits until search has handled the event. */
  deliver: (event: EventEnvelope) => Promise<void>;
  /** Publishes an event again and waits until the transport has completed that many deliveries of it. */
  redeliver: (event: EventEnvelope, deliveries: number) => Promise<void>;
  /** The ids of `search(...)` in result order (GraphQL, in-process). */
  searchIds: (query: string, variables?: Record<string, unknown>) => Promise<string[]>;
  search: (variables: Record<string, unknown>, selection?: string) => Promise<OperationResult>;
  stop: () => Promise<void>;
};

/**
 * The search service on a database of this file's own, fed by the real pg-boss
 * transport on another (the shared events database of a deployment).
 */
export async function startSearch(): Promise<SearchHarness> {
  const database: TestDatabase = await createTestDatabase('search', MIGRATIONS_FOLDER);
  const eventsDatabase: TestDatabase = await createTestDatabase('search_events');
  const service = createSearchService({ databaseUrl: database.url });
  await service.server.start();
  const events = await connectEvents({ databaseUrl: eventsDatabase.url, pollingIntervalSeconds: 0.5 });
  await startSearchConsumer({ db: service.db, subscriber: events.subscriber, subscribeOptions: { maxAttempts: 1 } });
  const jobs = new Pool({ connectionString: eventsDatabase.url, max: 1 });
  const completed = async (eventId: string): Promise<number> => {
    const { rows } = await jobs.query<{ n: number }>(
      `select count(*)::int as n from ${PG_BOSS_SCHEMA}.job where name = $1 and data->>'id' = $2 and state = 'completed'`,
      [`${CONSUMER}.events`, eventId],
    );
    return rows[0]?.n ?? 0;
  };
  const context = () => service.createContext(baseContext(null)) as Context;
  const search: SearchHarness['search'] = (variables, selection = 'edges { node { id } }') =>
    execute(
      service.server,
      context(),
      `query ($query: String!, $first: Int, $after: String, $filter: ProductFilter) {
        search(query: $query, first: $first, after: $after, filter: $filter) { ${selection} }
      }`,
      variables,
    );
  return {
    ...service,
    events,
    deliver: async (event) => {
      await events.publisher.publish(event);
      await waitFor(async () => handled(service.db.db, event.id));
    },
    redeliver: async (event, deliveries) => {
      await events.publisher.publish(event);
      await waitFor(async () => (await completed(event.id)) === deliveries);
    },
    search,
    searchIds: async (query, variables = {}) => {
      const result = await search({ query, ...variables });
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      const connection = result.data?.search as { edges: { node: { id: string } }[] };
      return connection.edges.map((edge) => edge.node.id);
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

async function handled(db: ReturnType<typeof createSearchService>['db']['db'], eventId: string): Promise<boolean> {
  const rows = await db.select().from(handledEvents).where(eq(handledEvents.eventId, eventId));
  return rows.some((row) => row.consumer === CONSUMER);
}

let clock = Date.UTC(2026, 0, 1);

/** A ProductChanged as the catalog would publish it, each one later than the last unless `occurredAt` is given. */
export function productChanged(
  overrides: Partial<EventPayload<'ProductChanged'>> = {},
  occurredAt = new Date((clock += 1000)).toISOString(),
): EventEnvelope<'ProductChanged'> {
  const productId = overrides.productId ?? randomUUID();
  return {
    id: randomUUID(),
    type: 'ProductChanged',
    version: 1,
    occurredAt,
    source: 'catalog',
    payload: {
      productId,
      slug: `product-${productId}`,
      name: 'Plain Product',
      description: 'Nothing special.',
      brand: 'Testbrand',
      categoryId: 'category-test',
      price: { amount: 1000, currency: 'USD' },
      ...overrides,
    },
  };
}

export function productDeleted(productId: string): EventEnvelope<'ProductDeleted'> {
  return {
    id: randomUUID(),
    type: 'ProductDeleted',
    version: 1,
    occurredAt: new Date((clock += 1000)).toISOString(),
    source: 'catalog',
    payload: { productId },
  };
}
