import { eq } from 'drizzle-orm';
import { waitFor, effectCount, recordingHandler, startEventsDb, uniqueName, type EventsHarness } from '@agora/testing';
import { connectEvents, OutboxRelay, outbox, type Events } from '../src';
import { orderPlaced, recordEvent } from './setup';

let harness: EventsHarness;
let events: Events;

beforeAll(async () => {
  harness = await startEventsDb();
  // The pg-boss transport on the same database: no broker needed.
  events = await connectEvents({ databaseUrl: harness.database.url, pollingIntervalSeconds: 0.5 });
});

afterAll(async () => {
  await events.close();
  await harness.stop();
});

describe('the transactional outbox', () => {
  it('leaves no event behind when the transaction that recorded it rolls back', async () => {
    const payload = orderPlaced();
    await expect(
      harness.pg.db.transaction(async (tx) => {
        await recordEvent(tx, 'OrderPlaced', payload);
        throw new Error('the order could not be saved');
      }),
    ).rejects.toThrow('the order could not be saved');

    const rows = await harness.pg.db.select().from(outbox);
    expect(rows.filter((row) => (row.payload as { orderId: string }).orderId === payload.orderId)).toEqual([]);
  });

  it('relays an event of a committed transaction to its consumer and marks it published', async () => {
    const consumer = uniqueName('search');
    await events.subscriber.subscribe(consumer, { OrderPlaced: recordingHandler(harness.pg, consumer) });
    const event = await harness.pg.db.transaction((tx) => recordEvent(tx, 'OrderPlaced', orderPlaced()));

    const relay = new OutboxRelay({ db: harness.pg.db, publisher: events.publisher });
    expect(await relay.relayOnce()).toEqual({ published: 1, failed: 0, parked: 0 });

    await waitFor(async () => (await effectCount(harness.pg, consumer)) === 1);
    const [row] = await harness.pg.db.select().from(outbox).where(eq(outbox.id, event.id));
    expect(row?.publishedAt).toBeInstanceOf(Date);
    expect(row?.attempts).toBe(1);
    expect(await relay.relayOnce()).toEqual({ published: 0, failed: 0, parked: 0 });
  });

  it('relays events in the order they were recorded, polling until stopped', async () => {
    const seen: string[] = [];
    const consumer = uniqueName('notifications');
    await events.subscriber.subscribe(
      consumer,
      {
        OrderPlaced: (event) => {
          seen.push(event.payload.orderId);
          return Promise.resolve();
        },
      },
      { concurrency: 1 },
    );
    const relay = new OutboxRelay({ db: harness.pg.db, publisher: events.publisher, batchSize: 2 });
    relay.start(50);
    for (const orderId of ['a1', 'a2', 'a3', 'a4', 'a5']) {
      await harness.pg.db.transaction((tx) => recordEvent(tx, 'OrderPlaced', orderPlaced(orderId)));
    }
    await waitFor(() => seen.length === 5);
    await relay.stop();
    expect(seen).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
  });

  it('refuses a payload that does not match the schema of its event', async () => {
    const bad = { ...orderPlaced(), total: { amount: 12.5, currency: 'EUR' } };
    await expect(harness.pg.db.transaction((tx) => recordEvent(tx, 'OrderPlaced', bad))).rejects.toThrow(/amount/);
    // @ts-expect-error -- the payload is type-checked against the event's schema
    await expect(recordEvent(harness.pg.db, 'OrderCancelled', { orderId: 'o1' })).rejects.toThrow(/userId/);
  });
});
