import { randomUUID } from 'node:crypto';
import { createLogger } from '@agora/subgraph-kit';
import { AMQP_URL, deleteTopology, describeRabbit, testServerUrl, uniqueName, waitFor } from '@agora/testing';
import { type EventEnvelope, type Events, withEventWork } from '../src';

const log = createLogger('amqp-namespace', 'silent');

function orderConfirmed(): EventEnvelope {
  return {
    id: randomUUID(),
    type: 'OrderConfirmed',
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'orders',
    payload: { orderId: 'order-1', userId: 'user-1' },
  };
}

/** Event work in `namespace` whose one consumer records the ids it is handed. */
async function consumerIn(namespace: string, consumer: string, received: string[]) {
  let transport: Events | undefined;
  const service = await withEventWork(
    { close: () => Promise.resolve() },
    {
      config: { EVENTS_DATABASE_URL: testServerUrl(), AMQP_URL, AMQP_NAMESPACE: namespace },
      log,
      start: async (events) => {
        transport = events;
        await events.subscriber.subscribe(consumer, {
          OrderConfirmed: (event) => Promise.resolve(void received.push(event.id)),
        });
        return [];
      },
    },
  );
  return { service, events: transport as Events };
}

describeRabbit('AMQP_NAMESPACE', () => {
  it('keeps two namespaces on one broker apart, exchange and queues', async () => {
    const consumer = uniqueName('namespaced');
    const [a, b] = [uniqueName('ns-a'), uniqueName('ns-b')];
    const [inA, inB]: [string[], string[]] = [[], []];
    const first = await consumerIn(a, consumer, inA);
    const second = await consumerIn(b, consumer, inB);
    try {
      const event = orderConfirmed();
      await first.events.publisher.publish(event);
      await waitFor(() => inA.length === 1);
      // B's consumer of the same name has its own queue, bound to B's exchange: nothing came.
      expect(await second.events.subscriber.backlog(consumer)).toEqual({ queued: 0, deadLettered: 0 });
      expect(inA).toEqual([event.id]);
      expect(inB).toEqual([]);
    } finally {
      await first.service.close();
      await second.service.close();
      for (const namespace of [a, b]) {
        await deleteTopology(`${namespace}-agora.events`, [[`${namespace}-${consumer}`, {}]]);
      }
    }
  });
});
