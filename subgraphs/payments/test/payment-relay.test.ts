import { connectEvents, OutboxRelay, type EventEnvelope, type Events } from '@agora/events';
import { createTestDatabase, type TestDatabase, waitFor } from '@agora/testing';
import { AUTHORIZE, authorizeInput, startPayments, type PaymentsHarness } from './setup';

// The relay boot (index.ts) starts over the payments database, publishing through pg-boss in an events
// database of this file's own.
let eventsDb: TestDatabase;
let events: Events;
let payments: PaymentsHarness;
let relay: OutboxRelay<Record<string, unknown>>;
const received: EventEnvelope<'PaymentCaptured'>[] = [];
beforeAll(async () => {
  eventsDb = await createTestDatabase('payments_events');
  events = await connectEvents({ databaseUrl: eventsDb.url, pollingIntervalSeconds: 0.5 });
  await events.subscriber.subscribe('notifications', {
    PaymentCaptured: (event) => {
      received.push(event);
      return Promise.resolve();
    },
  });
  payments = await startPayments();
  relay = new OutboxRelay({ db: payments.db.db, publisher: events.publisher });
  relay.start(20);
});
afterAll(async () => {
  await relay.stop();
  await payments.stop();
  await events.close();
  await eventsDb.drop();
});

describe('the payments outbox relay', () => {
  it('publishes PaymentCaptured once the capture has committed', async () => {
    const input = authorizeInput();
    await payments.run(AUTHORIZE, { input });
    const captured = await payments.run(`mutation ($orderId: ID!) { capturePayment(orderId: $orderId) { id } }`, {
      orderId: input.orderId,
    });

    await waitFor(() => received.length > 0, { timeoutMs: 10_000 });
    expect(received.map((event) => [event.type, event.payload.orderId, event.payload.paymentId])).toEqual([
      ['PaymentCaptured', input.orderId, captured.data?.capturePayment.id],
    ]);
  });
});
