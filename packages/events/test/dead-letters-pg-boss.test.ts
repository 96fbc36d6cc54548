import { randomUUID } from 'node:crypto';
import { waitFor, startEventsDb, uniqueName, type EventsHarness } from '@agora/testing';
import { connectEvents, type EventEnvelope, type Events } from '../src';
import { orderPlaced } from './setup';

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

function orderPlacedEvent(): EventEnvelope {
  return {
    id: randomUUID(),
    type: 'OrderPlaced',
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'orders',
    payload: orderPlaced(),
  };
}

describe('a handler that keeps failing (pg-boss)', () => {
  it('is retried after a back-off, dead-lettered after the last attempt, and handled once replayed', async () => {
    const consumer = uniqueName('notifications');
    let broken = true;
    const attempts: number[] = [];
    const handled: string[] = [];
    await events.subscriber.subscribe(
      consumer,
      {
        OrderPlaced: (event) => {
          attempts.push(Date.now());
          if (broken) return Promise.reject(new Error('mail server down'));
          handled.push(event.id);
          return Promise.resolve();
        },
      },
      // pg-boss counts back-off in whole seconds: one retry, 1 to 2 s later, keeps the test short.
      { maxAttempts: 2, retryDelayMs: 1000 },
    );
    const event = orderPlacedEvent();
    await events.publisher.publish(event);

    await waitFor(async () => (await events.deadLetters.list(consumer)).length === 1);
    expect(attempts).toHaveLength(2);
    const [first = 0, second = 0] = attempts;
    expect(second - first).toBeGreaterThanOrEqual(1000);
    expect(await events.deadLetters.list(consumer)).toEqual([
      { eventId: event.id, type: 'OrderPlaced', envelope: event, error: 'mail server down', attempts: 2 },
    ]);

    broken = false;
    expect(await events.deadLetters.replay(consumer, [randomUUID()])).toBe(0);
    expect(await events.deadLetters.replay(consumer, [event.id])).toBe(1);
    await waitFor(() => handled.length === 1);
    expect(handled).toEqual([event.id]);
    expect(await events.deadLetters.list(consumer)).toEqual([]);
  });
});
