import amqp from 'amqplib';
import { isNull } from 'drizzle-orm';
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
import { AmqpPublisher, AmqpSubscriber, consumerQueue, OutboxRelay, outbox } from '../src';
import { orderPlaced, recordEvent } from './setup';

describeRabbit('relaying while the broker is unreachable (RabbitMQ)', () => {
  const exchange = uniqueName('test.events');
  const consumer = uniqueName('recommendations');
  let harness: EventsHarness;
  let subscriber: AmqpSubscriber;
  const silent = (): void => undefined;

  beforeAll(async () => {
    harness = await startEventsDb();
    subscriber = new AmqpSubscriber(AMQP_URL, { exchange, onError: silent });
    await subscriber.subscribe(consumer, { OrderPlaced: recordingHandler(harness.pg, consumer) });
  });

  afterAll(async () => {
    await subscriber.close();
    await deleteTopology(exchange, [[consumer, {}]]);
    await harness.stop();
  });

  it('keeps the events while publishing fails and delivers each exactly once when the broker is back', async () => {
    for (let i = 0; i < 3; i += 1) {
      await harness.pg.db.transaction((tx) => recordEvent(tx, 'OrderPlaced', orderPlaced()));
    }
    // Nothing listens on port 1: every connection attempt is refused.
    const down = new AmqpPublisher('amqp://guest:guest@127.0.0.1:1', { exchange, onError: silent });
    const downRelay = new OutboxRelay({ db: harness.pg.db, publisher: down, onError: silent });
    expect(await downRelay.relayOnce()).toEqual({ published: 0, failed: 1, parked: 0 });
    expect(await downRelay.relayOnce()).toEqual({ published: 0, failed: 1, parked: 0 });

    const waiting = await harness.pg.db.select().from(outbox).where(isNull(outbox.publishedAt)).orderBy(outbox.seq);
    expect(waiting).toHaveLength(3);
    // The first row blocks the rest (order is kept): it carries the attempts and the error.
    expect(waiting.map((row) => row.attempts)).toEqual([2, 0, 0]);
    expect(waiting[0]?.lastError).toMatch(/ECONNREFUSED/);

    const up = new AmqpPublisher(AMQP_URL, { exchange });
    const relay = new OutboxRelay({ db: harness.pg.db, publisher: up });
    expect(await relay.relayOnce()).toEqual({ published: 3, failed: 0, parked: 0 });
    await up.close();

    await waitFor(async () => (await effectCount(harness.pg, consumer)) === 3);
    expect(await harness.pg.db.select().from(outbox).where(isNull(outbox.publishedAt))).toEqual([]);
    // A further pass publishes nothing again, so no event reaches the consumer twice.
    expect(await relay.relayOnce()).toEqual({ published: 0, failed: 0, parked: 0 });
    expect(await effectCount(harness.pg, consumer)).toBe(3);
  });

  it('consumes again after the broker dropped its queue (the subscriber reconnects and declares it)', async () => {
    const before = await effectCount(harness.pg, consumer);
    const connection = await amqp.connect(AMQP_URL);
    const channel = await connection.createChannel();
    await channel.deleteQueue(consumerQueue(consumer));
    await connection.close();

    const publisher = new AmqpPublisher(AMQP_URL, { exchange });
    const relay = new OutboxRelay({ db: harness.pg.db, publisher });
    await harness.pg.db.transaction((tx) => recordEvent(tx, 'OrderPlaced', orderPlaced()));
    // Until the subscriber has declared its queue again, the event has nowhere to go: keep publishing it.
    await waitFor(async () => {
      await harness.pg.db.update(outbox).set({ publishedAt: null });
      await relay.relayOnce();
      return (await effectCount(harness.pg, consumer)) > before;
    });
    await publisher.close();
  });
});
