import { randomUUID } from 'node:crypto';
import {
  AMQP_URL,
  deleteTopology,
  describeRabbit,
  startEventsDb,
  uniqueName,
  waitFor,
  type EventsHarness,
} from '@agora/testing';
import { Registry } from 'prom-client';
import {
  AmqpPublisher,
  AmqpSubscriber,
  connectEvents,
  consumerMetrics,
  countHandled,
  handledEventsCounter,
  type Events,
  type Publisher,
  type SubscribeOptions,
  type Subscriber,
} from '../src';
import { orderPlaced } from './setup';

/** Dead-letter at once: the first failure is the last attempt. */
const OPTIONS: SubscribeOptions = { maxAttempts: 1, retryDelayMs: 100 };

/** The value of `name` for `consumer` in `registry` now. */
async function valueOf(registry: Registry, name: string, consumer: string): Promise<number | undefined> {
  const metric = await registry.getSingleMetric(name)?.get();
  return metric?.values.find((sample) => sample.labels.consumer === consumer)?.value;
}

/** A consumer whose handler always fails: two events end in its dead-letter queue, and the gauges say so. */
async function countsDeadLetters(publisher: Publisher, subscriber: Subscriber, consumer: string): Promise<void> {
  const registry = new Registry();
  const handled = handledEventsCounter();
  for (const metric of [...consumerMetrics(subscriber, [consumer]), handled]) registry.registerMetric(metric);
  const failing = { OrderPlaced: () => Promise.reject(new Error('mail server down')) };
  await subscriber.subscribe(consumer, countHandled(consumer, failing, handled), OPTIONS);
  expect(await valueOf(registry, 'agora_events_dead_letters', consumer)).toBe(0);

  for (let i = 0; i < 2; i += 1) {
    await publisher.publish({
      id: randomUUID(),
      type: 'OrderPlaced',
      version: 1,
      occurredAt: new Date().toISOString(),
      source: 'orders',
      payload: orderPlaced(),
    });
  }
  await waitFor(async () => ((await subscriber.backlog(consumer)).deadLettered === 2 ? true : undefined));

  expect(await valueOf(registry, 'agora_events_dead_letters', consumer)).toBe(2);
  expect(await valueOf(registry, 'agora_events_queued', consumer)).toBe(0);
  const attempts = await handled.get();
  expect(attempts.values).toEqual([{ labels: { consumer, type: 'OrderPlaced', outcome: 'failed' }, value: 2 }]);
}

describe('the consumer metrics (pg-boss)', () => {
  let harness: EventsHarness;
  let events: Events;

  beforeAll(async () => {
    harness = await startEventsDb();
    events = await connectEvents({ databaseUrl: harness.database.url, pollingIntervalSeconds: 0.5 });
  });
  afterAll(async () => {
    await events.close();
    await harness.stop();
  });

  it('count the events in a consumer’s dead-letter queue', async () => {
    await countsDeadLetters(events.publisher, events.subscriber, uniqueName('notifications'));
  });
});

describeRabbit('the consumer metrics (RabbitMQ)', () => {
  const exchange = uniqueName('test.events');
  const consumer = uniqueName('notifications');
  const publisher = new AmqpPublisher(AMQP_URL, { exchange });
  const subscriber = new AmqpSubscriber(AMQP_URL, { exchange });

  afterAll(async () => {
    await subscriber.close();
    await publisher.close();
    await deleteTopology(exchange, [[consumer, OPTIONS]]);
  });

  it('count the events in a consumer’s dead-letter queue', async () => {
    await countsDeadLetters(publisher, subscriber, consumer);
  });
});
