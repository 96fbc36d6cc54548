import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import {
  AmqpPublisher,
  AmqpSubscriber,
  connectEvents,
  listParkedEvents,
  OutboxRelay,
  outbox,
  replayParkedEvents,
  type Events,
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
import { orderPlaced, recordEvent } from './setup';

let harness: EventsHarness;
const silent = (): void => undefined;

beforeAll(async () => {
  harness = await startEventsDb();
});
afterAll(() => harness.stop());

/**
 * Rows as a faulty or older producer could have left them (written without
 * recordEvent's validation): each fails the envelope's validation when relayed.
 */
const POISON: [string, Record<string, unknown>][] = [
  ['a version no consumer knows', { version: 99 }],
  ['a payload that does not match its schema', { payload: { orderId: 'o-1', total: 'a lot' } }],
  ['an unknown event type', { type: 'OrderTeleported' }],
];

async function recordPoison(change: Record<string, unknown>): Promise<string> {
  const id = randomUUID();
  await harness.pg.db.insert(outbox).values({
    id,
    type: 'OrderPlaced',
    version: 1,
    source: 'orders',
    payload: orderPlaced(),
    occurredAt: new Date(),
    ...change,
  });
  return id;
}

async function recordGood(count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await harness.pg.db.transaction((tx) => recordEvent(tx, 'OrderPlaced', orderPlaced()));
  }
}

/** Nothing from earlier tests left to relay: each test sees its own events only. */
async function publishEverythingWaiting(publisher: Publisher): Promise<void> {
  await new OutboxRelay({ db: harness.pg.db, publisher, onError: silent }).relayOnce();
}

/** The story each transport must tell: the poison is parked and listed, the events behind it go out. */
async function parksPoisonAndDeliversTheRest(publisher: Publisher, subscriber: Subscriber): Promise<void> {
  await publishEverythingWaiting(publisher);
  const consumer = uniqueName('notifications');
  await subscriber.subscribe(consumer, { OrderPlaced: recordingHandler(harness.pg, consumer) });
  await recordGood(1);
  const poisonIds: string[] = [];
  for (const [, change] of POISON) poisonIds.push(await recordPoison(change));
  await recordGood(3);

  const errors: string[] = [];
  const relay = new OutboxRelay({ db: harness.pg.db, publisher, onError: (error) => errors.push(error.message) });
  expect(await relay.relayOnce()).toEqual({ published: 4, failed: 0, parked: POISON.length });

  await waitFor(async () => (await effectCount(harness.pg, consumer)) === 4);
  const parked = (await listParkedEvents(harness.pg.db)).filter((event) => poisonIds.includes(event.id));
  expect(parked.map((event) => event.id)).toEqual(poisonIds);
  expect(parked.map((event) => event.error)).toEqual([
    expect.stringMatching(/^invalid envelope: .*99/),
    expect.stringMatching(/^invalid envelope: .*total: /),
    expect.stringMatching(/^invalid envelope: type:/),
  ]);
  expect(errors).toHaveLength(POISON.length);
  expect(errors.every((message) => message.startsWith('parked '))).toBe(true);
  // Parked is for good: further passes leave them alone and publish nothing twice.
  expect(await relay.relayOnce()).toEqual({ published: 0, failed: 0, parked: 0 });
  expect(await effectCount(harness.pg, consumer)).toBe(4);
}

describe('an event the relay can never publish (pg-boss)', () => {
  let events: Events;
  beforeAll(async () => {
    events = await connectEvents({ databaseUrl: harness.database.url, pollingIntervalSeconds: 0.5 });
  });
  afterAll(() => events.close());

  it('is parked with its error and listed, and the events behind it are delivered', async () => {
    await parksPoisonAndDeliversTheRest(events.publisher, events.subscriber);
  });

  it('goes back in the queue on replay, and is parked again while nothing lets it through', async () => {
    await publishEverythingWaiting(events.publisher);
    const id = await recordPoison({ version: 99 });
    const relay = new OutboxRelay({ db: harness.pg.db, publisher: events.publisher, onError: silent });
    expect(await relay.relayOnce()).toMatchObject({ parked: 1 });

    expect(await replayParkedEvents(harness.pg.db, [id, 'not-an-id'])).toBe(1);
    const [row] = await harness.pg.db.select().from(outbox).where(eq(outbox.id, id));
    expect(row).toMatchObject({ parkedAt: null, lastError: null, publishedAt: null });
    expect(await relay.relayOnce()).toEqual({ published: 0, failed: 0, parked: 1 });

    // Fixed by hand (as a new schema version would): the replayed event goes out.
    await harness.pg.db.update(outbox).set({ version: 1 }).where(eq(outbox.id, id));
    expect(await replayParkedEvents(harness.pg.db)).toBeGreaterThanOrEqual(1);
    expect(await relay.relayOnce()).toMatchObject({ published: 1, failed: 0 });
    expect((await listParkedEvents(harness.pg.db)).map((event) => event.id)).not.toContain(id);
  });

  it('is told apart from an outage, which keeps the event and ends the pass', async () => {
    await publishEverythingWaiting(events.publisher);
    await recordGood(2);
    const gone = await connectEvents({ databaseUrl: harness.database.url });
    await gone.close();
    const relay = new OutboxRelay({ db: harness.pg.db, publisher: gone.publisher, onError: silent });
    expect(await relay.relayOnce()).toEqual({ published: 0, failed: 1, parked: 0 });
    const parkedBefore = (await listParkedEvents(harness.pg.db)).length;
    expect(await relay.relayOnce()).toEqual({ published: 0, failed: 1, parked: 0 });
    expect(await listParkedEvents(harness.pg.db)).toHaveLength(parkedBefore);
  });
});

describeRabbit('an event the relay can never publish (RabbitMQ)', () => {
  const exchange = uniqueName('test.events');
  const consumers: string[] = [];
  let publisher: AmqpPublisher;
  let subscriber: AmqpSubscriber;
  beforeAll(() => {
    publisher = new AmqpPublisher(AMQP_URL, { exchange });
    subscriber = new AmqpSubscriber(AMQP_URL, { exchange, onError: silent });
  });
  afterAll(async () => {
    await subscriber.close();
    await publisher.close();
    await deleteTopology(
      exchange,
      consumers.map((consumer) => [consumer, {}]),
    );
  });

  it('is parked with its error and listed, and the events behind it are delivered', async () => {
    const recording: Subscriber = {
      subscribe: (consumer, handlers, options) => {
        consumers.push(consumer);
        return subscriber.subscribe(consumer, handlers, options);
      },
      backlog: (consumer) => subscriber.backlog(consumer),
      close: () => subscriber.close(),
    };
    await parksPoisonAndDeliversTheRest(publisher, recording);
  });
});
