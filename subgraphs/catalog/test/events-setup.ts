import { connectEvents, type EventEnvelope, type Events } from '@agora/events';
import { createTestDatabase, type TestDatabase } from '@agora/testing';

/** The pg-boss transport on a database of this test file's own, as services share one in a deployment. */
export async function startEventTransport(): Promise<{ events: Events; stop: () => Promise<void> }> {
  const database: TestDatabase = await createTestDatabase('catalog_events');
  const events = await connectEvents({ databaseUrl: database.url, pollingIntervalSeconds: 0.5 });
  return {
    events,
    stop: async () => {
      await events.close();
      await database.drop();
    },
  };
}

/** Subscribes a consumer that keeps what it receives, to see what the relay published. */
export async function recordingConsumer(events: Events, consumer: string): Promise<EventEnvelope[]> {
  const received: EventEnvelope[] = [];
  const keep = (event: EventEnvelope): Promise<void> => {
    received.push(event);
    return Promise.resolve();
  };
  await events.subscriber.subscribe(consumer, { ProductChanged: keep, ProductDeleted: keep });
  return received;
}
