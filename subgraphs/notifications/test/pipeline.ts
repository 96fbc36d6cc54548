import { randomUUID } from 'node:crypto';
import {
  connectEvents,
  consumerQueue,
  PG_BOSS_SCHEMA,
  type EventEnvelope,
  type EventPayload,
  type Events,
  type SubscribeOptions,
} from '@agora/events';
import { createTestDatabase, type TestDatabase } from '@agora/testing';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { CONSUMER } from '../src/consumer';
import { deliveries, notifications, type DeliveryRow, type NotificationRow } from '../src/db/schema';
import { startAccounts, type RunningAccounts } from './accounts';
import { startNotifications, type NotificationsHarness } from './setup';

/** Notifications consuming real pg-boss events, looking recipients up in the real accounts subgraph. */
export interface Pipeline {
  notifications: NotificationsHarness;
  accounts: RunningAccounts;
  events: Events;
  /** Publishes an envelope as orders would (an explicit `id` makes a duplicate). */
  publish: <T extends 'OrderConfirmed' | 'OrderCancelled'>(
    type: T,
    payload: EventPayload<T>,
    id?: string,
  ) => Promise<EventEnvelope<T>>;
  /** The user's notifications with their deliveries. */
  notificationsOf: (userId: string) => Promise<(NotificationRow & { deliveries: DeliveryRow[] })[]>;
  /** How many jobs carrying this envelope the consumer has completed (pg-boss's own record). */
  completedDeliveries: (eventId: string) => Promise<number>;
  stop: () => Promise<void>;
}

export interface PipelineOptions {
  /** Where recipients are looked up instead of the running accounts (an unreachable URL). */
  accountsUrl?: string;
  subscribeOptions?: SubscribeOptions;
}

export async function startPipeline(options: PipelineOptions = {}): Promise<Pipeline> {
  const accounts = await startAccounts();
  const notificationsHarness = await startNotifications({
    url: options.accountsUrl ?? accounts.url,
    signer: accounts.notificationsSigner,
  });
  const eventsDb: TestDatabase = await createTestDatabase('notifications_events');
  const events = await connectEvents({ databaseUrl: eventsDb.url, pollingIntervalSeconds: 0.5 });
  await notificationsHarness.startConsumer(events.subscriber, options.subscribeOptions);
  // Reads pg-boss's job table, to know when a message was handled even if it changed nothing.
  const queue = new pg.Pool({ connectionString: eventsDb.url, max: 1 });
  const db = notificationsHarness.service.db;

  return {
    notifications: notificationsHarness,
    accounts,
    events,
    publish: async (type, payload, id = randomUUID()) => {
      const envelope = { id, type, version: 1, occurredAt: new Date().toISOString(), source: 'orders', payload };
      await events.publisher.publish(envelope as EventEnvelope);
      return envelope as EventEnvelope<typeof type>;
    },
    notificationsOf: async (userId) => {
      const rows = await db.db.select().from(notifications).where(eq(notifications.userId, userId));
      return Promise.all(
        rows.map(async (row) => ({
          ...row,
          deliveries: await db.db.select().from(deliveries).where(eq(deliveries.notificationId, row.id)),
        })),
      );
    },
    completedDeliveries: async (eventId) => {
      const { rows } = await queue.query<{ n: number }>(
        `select count(*)::int as n from ${PG_BOSS_SCHEMA}.job where name = $1 and state = 'completed' and data->>'id' = $2`,
        [consumerQueue(CONSUMER), eventId],
      );
      return rows[0]?.n ?? 0;
    },
    stop: async () => {
      await events.close();
      await queue.end();
      await notificationsHarness.stop();
      await accounts.stop();
      await eventsDb.drop();
    },
  };
}
