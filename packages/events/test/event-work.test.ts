import { randomUUID } from 'node:crypto';
import { createLogger } from '@agora/subgraph-kit';
import { createTestDatabase, type TestDatabase, waitFor } from '@agora/testing';
import { Counter, Registry } from 'prom-client';
import { type EventEnvelope, type Events, withEventWork } from '../src';

let database: TestDatabase;
const log = createLogger('event-work', 'silent');

beforeAll(async () => {
  database = await createTestDatabase('event_work');
});
afterAll(async () => {
  await database.drop();
});

/** An OrderPlaced envelope with a fresh id. */
function orderPlacedEvent(): EventEnvelope {
  return {
    id: randomUUID(),
    type: 'OrderPlaced',
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'orders',
    payload: {
      orderId: 'order-1',
      userId: 'user-1',
      items: [{ productId: 'product-1', quantity: 1, unitPrice: { amount: 100, currency: 'EUR' } }],
      total: { amount: 100, currency: 'EUR' },
    },
  };
}

/** A service whose close is recorded in `steps`. */
function serviceRecording(steps: string[]): { close: () => Promise<void> } {
  return {
    close: () => {
      steps.push('service closed');
      return Promise.resolve();
    },
  };
}

describe('withEventWork', () => {
  it('stops the work it started, then the transport, then the service, once', async () => {
    const steps: string[] = [];
    let transport: Events | undefined;
    const service = await withEventWork(serviceRecording(steps), {
      config: { EVENTS_DATABASE_URL: database.url },
      log,
      start: (events) => {
        transport = events;
        return Promise.resolve([
          {
            stop: async () => {
              // The transport is still open while the work stops: a relay's last pass can publish.
              await events.publisher.publish(orderPlacedEvent());
              steps.push('work stopped');
            },
          },
        ]);
      },
    });
    expect(transport?.transport).toBe('pg-boss');

    await Promise.all([service.close(), service.close()]);
    expect(steps).toEqual(['work stopped', 'service closed']);
    await expect(transport?.publisher.publish({} as never)).rejects.toThrow();
  });

  it('catches up: relay passes run until one publishes nothing', async () => {
    const waiting = [3, 2, 0];
    const passes: number[] = [];
    const service = await withEventWork(serviceRecording([]), {
      config: { EVENTS_DATABASE_URL: database.url },
      log,
      start: () =>
        Promise.resolve([
          {
            stop: () => Promise.resolve(),
            relayOnce: () => {
              const published = waiting.shift() ?? 0;
              passes.push(published);
              return Promise.resolve({ published });
            },
          },
        ]),
    });
    await service.catchUp();
    await service.close();
    expect(passes).toEqual([3, 2, 0]);
  });

  it('adds the queue, dead-letter and handler gauges of the consumers it subscribed to the service’s metrics', async () => {
    const service = await withEventWork(
      { ...serviceRecording([]), metrics: [new Counter({ name: 'own_total', help: 'Its own.', registers: [] })] },
      {
        config: { EVENTS_DATABASE_URL: database.url },
        log,
        start: async (events) => {
          await events.subscriber.subscribe('work_metrics', { OrderPlaced: () => Promise.resolve() });
          await events.publisher.publish(orderPlacedEvent());
          return [];
        },
      },
    );
    const registry = new Registry();
    for (const metric of service.metrics) registry.registerMetric(metric);
    const handled = 'agora_events_handled_total{consumer="work_metrics",type="OrderPlaced",outcome="ok"} 1';
    await waitFor(async () => ((await registry.metrics()).includes(handled) ? true : undefined));
    const text = await registry.metrics();
    await service.close();

    expect(text).toContain('own_total 0');
    expect(text).toContain('agora_events_queued{consumer="work_metrics"} 0');
    expect(text).toContain('agora_events_dead_letters{consumer="work_metrics"} 0');
  });

  it('closes the transport and refuses to start when the work cannot start', async () => {
    let transport: Events | undefined;
    await expect(
      withEventWork(serviceRecording([]), {
        config: { EVENTS_DATABASE_URL: database.url },
        log,
        start: (events) => {
          transport = events;
          return Promise.reject(new Error('no queue'));
        },
      }),
    ).rejects.toThrow('no queue');
    await expect(transport?.publisher.publish({} as never)).rejects.toThrow();
  });
});
