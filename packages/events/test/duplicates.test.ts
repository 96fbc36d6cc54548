import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import {
  AmqpPublisher,
  AmqpSubscriber,
  connectEvents,
  handledEvents,
  type EventEnvelope,
  type Publisher,
  type Subscriber,
} from '../src';
import {
  waitFor,
  AMQP_URL,
  deleteTopology,
  describeRabbit,
  effectCount,
  recordingHandler,
  startEventsDb,
  uniqueName,
  type EventsHarness,
} from '@agora/testing';
import { orderPlaced } from './setup';

let harness: EventsHarness;
beforeAll(async () => {
  harness = await startEventsDb();
});
afterAll(() => harness.stop());

function envelope(): EventEnvelope<'OrderPlaced'> {
  return {
    id: randomUUID(),
    type: 'OrderPlaced',
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'orders',
    payload: orderPlaced(),
  };
}

/** Publishes one envelope twice and a second, distinct one; the consumer must apply two effects. */
async function publishDuplicates(publisher: Publisher, subscriber: Subscriber, consumer: string): Promise<void> {
  let deliveries = 0;
  const apply = recordingHandler(harness.pg, consumer);
  await subscriber.subscribe(consumer, {
    OrderPlaced: async (event) => {
      await apply(event);
      deliveries += 1;
    },
  });
  const twice = envelope();
  await publisher.publish(twice);
  await publisher.publish(twice);
  await publisher.publish(envelope());

  await waitFor(() => deliveries === 3);
  expect(await effectCount(harness.pg, consumer)).toBe(2);
  const [handled] = await harness.pg.db
    .select({ n: count() })
    .from(handledEvents)
    .where(and(eq(handledEvents.consumer, consumer), eq(handledEvents.eventId, twice.id)));
  expect(handled?.n).toBe(1);
}

describe('a duplicate delivery (pg-boss)', () => {
  it('has its effect once', async () => {
    const events = await connectEvents({ databaseUrl: harness.database.url, pollingIntervalSeconds: 0.5 });
    try {
      await publishDuplicates(events.publisher, events.subscriber, uniqueName('search'));
    } finally {
      await events.close();
    }
  });
});

describeRabbit('a duplicate delivery (RabbitMQ)', () => {
  it('has its effect once', async () => {
    const exchange = uniqueName('test.events');
    const consumer = uniqueName('search');
    const publisher = new AmqpPublisher(AMQP_URL, { exchange });
    const subscriber = new AmqpSubscriber(AMQP_URL, { exchange });
    try {
      await publishDuplicates(publisher, subscriber, consumer);
    } finally {
      await subscriber.close();
      await publisher.close();
      await deleteTopology(exchange, [[consumer, {}]]);
    }
  });
});
