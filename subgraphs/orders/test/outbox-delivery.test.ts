import {
  AmqpPublisher,
  AmqpSubscriber,
  connectEvents,
  OutboxRelay,
  type EventEnvelope,
  type Publisher,
  type Subscriber,
} from '@agora/events';
import {
  waitFor,
  effectCount,
  recordingHandler,
  startEventsDb,
  uniqueName,
  type EventsHarness,
  AMQP_URL,
  deleteTopology,
  describeRabbit,
} from '@agora/testing';
import { fakeServices, type FakeServices } from './fake-ports';
import { recordedEvents } from './outbox';
import { checkoutInput, newCustomer, silentLog, startOrders, type OrdersHarness } from './setup';

// Checkouts while the transport is down, then delivery to a consumer that deduplicates
// (idempotentHandler on a database of its own). The other services are in-test stand-ins.
const CHECKOUTS = 3;
const EVENTS = CHECKOUTS * 2; // OrderPlaced + OrderConfirmed per confirmed order
const silent = (): void => undefined;

let services: FakeServices;
let consumerDb: EventsHarness;
beforeAll(async () => {
  services = fakeServices();
  consumerDb = await startEventsDb();
});
afterAll(() => consumerDb.stop());

async function confirmedCheckouts(orders: OrdersHarness): Promise<void> {
  services.inventory.stock.set('p-cup', 100);
  for (let i = 0; i < CHECKOUTS; i += 1) {
    const customer = newCustomer();
    services.cart.fill(customer.userId, [
      { productId: 'p-cup', quantity: 1, unitPrice: { amount: 450, currency: 'EUR' } },
    ]);
    const order = await orders.checkout.checkout(checkoutInput(), { caller: customer, log: silentLog });
    expect(order.status).toBe('CONFIRMED');
  }
}

/** Subscribes `consumer` to the order events; its effect is one row per event, applied once. */
async function subscribeCounting(subscriber: Subscriber, consumer: string): Promise<{ deliveries: number }> {
  const seen = { deliveries: 0 };
  const apply = recordingHandler(consumerDb.pg, consumer);
  const handle = async (event: EventEnvelope): Promise<void> => {
    await apply(event);
    seen.deliveries += 1;
  };
  await subscriber.subscribe(consumer, { OrderPlaced: handle, OrderConfirmed: handle }, { retryDelayMs: 100 });
  return seen;
}

/** Relays the waiting events, then publishes every one of them again: each effect must happen once. */
async function deliverWithDuplicates(
  orders: OrdersHarness,
  publisher: Publisher,
  consumer: string,
  seen: { deliveries: number },
): Promise<void> {
  const relay = new OutboxRelay({ db: orders.db.db, publisher });
  expect(await relay.relayOnce()).toEqual({ published: EVENTS, failed: 0, parked: 0 });
  await waitFor(async () => (await effectCount(consumerDb.pg, consumer)) === EVENTS);
  expect((await recordedEvents(orders)).every((event) => event.published)).toBe(true);

  for (const { envelope } of await recordedEvents(orders)) await publisher.publish(envelope);
  await waitFor(() => seen.deliveries === EVENTS * 2);
  expect(await effectCount(consumerDb.pg, consumer)).toBe(EVENTS);
}

describeRabbit('order events through RabbitMQ after a broker outage', () => {
  it('keeps checkouts working and their events in the outbox, then delivers each once', async () => {
    const exchange = uniqueName('test.orders');
    const consumer = uniqueName('recommendations');
    const subscriber = new AmqpSubscriber(AMQP_URL, { exchange, onError: silent });
    const seen = await subscribeCounting(subscriber, consumer);
    // Nothing listens on port 1: the service's relay is refused on every pass.
    const down = new AmqpPublisher('amqp://guest:guest@127.0.0.1:1', { exchange, onError: silent });
    const orders = await startOrders(services.ports);
    const relay = new OutboxRelay({ db: orders.db.db, publisher: down, onError: silent });
    relay.start(20);
    const up = new AmqpPublisher(AMQP_URL, { exchange });
    try {
      await confirmedCheckouts(orders);
      await waitFor(
        async () =>
          ((await orders.db.db.query.outbox.findFirst({ orderBy: (row, { asc }) => [asc(row.seq)] }))?.attempts ?? 0) >=
          2,
      );
      await relay.stop();
      const waiting = await recordedEvents(orders);
      expect(waiting.map((event) => [event.type, event.published])).toEqual(
        Array.from({ length: CHECKOUTS }, () => [
          ['OrderPlaced', false],
          ['OrderConfirmed', false],
        ]).flat(),
      );

      await deliverWithDuplicates(orders, up, consumer, seen);
    } finally {
      await relay.stop();
      await up.close();
      await subscriber.close();
      await orders.stop();
      await deleteTopology(exchange, [[consumer, { retryDelayMs: 100 }]]);
    }
  });
});

describe('order events through pg-boss after an events database outage', () => {
  it('keeps checkouts working and their events in the outbox, then delivers each once', async () => {
    const consumer = uniqueName('recommendations');
    const events = await connectEvents({ databaseUrl: consumerDb.database.url, pollingIntervalSeconds: 0.5 });
    const orders = await startOrders(services.ports);
    try {
      const seen = await subscribeCounting(events.subscriber, consumer);
      // A pg-boss whose connection to the events database is gone: every publish fails.
      const gone = await connectEvents({ databaseUrl: consumerDb.database.url });
      await gone.close();
      await confirmedCheckouts(orders);
      const downRelay = new OutboxRelay({ db: orders.db.db, publisher: gone.publisher, onError: silent });
      expect(await downRelay.relayOnce()).toEqual({ published: 0, failed: 1, parked: 0 });
      expect((await recordedEvents(orders)).filter((event) => !event.published)).toHaveLength(EVENTS);

      await deliverWithDuplicates(orders, events.publisher, consumer, seen);
    } finally {
      await orders.stop();
      await events.close();
    }
  });
});
