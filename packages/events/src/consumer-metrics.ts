import { Counter, Gauge, type Metric } from 'prom-client';
import type { EventType } from './catalog';
import type { ConsumerBacklog, EventHandler, EventHandlers, Subscriber } from './transport';

/**
 * A service's consumers as the transport sees them, read at each scrape:
 * `agora_events_queued{consumer}` (events waiting to be handled: the consumer's lag, in
 * events) and `agora_events_dead_letters{consumer}` (events it gave up on; replay with
 * `npm run dead-letters`). `consumers` are the names the service subscribed, so the
 * label is as bounded as the code. A transport that does not answer reads NaN.
 * Unregistered: withEventWork adds them to the service's `metrics`.
 */
export function consumerMetrics(subscriber: Subscriber, consumers: Iterable<string>): Metric[] {
  const gauge = (name: string, help: string, read: (backlog: ConsumerBacklog) => number): Gauge =>
    new Gauge({
      name,
      help,
      labelNames: ['consumer'],
      registers: [],
      async collect() {
        for (const consumer of consumers) {
          const value = await subscriber.backlog(consumer).then(read, () => Number.NaN);
          this.set({ consumer }, value);
        }
      },
    });
  return [
    gauge('agora_events_queued', 'Events waiting for the consumer (its lag, in events).', (b) => b.queued),
    gauge('agora_events_dead_letters', 'Events in the consumer’s dead-letter queue.', (b) => b.deadLettered),
  ];
}

/** `agora_events_handled_total{consumer, type, outcome}`, unregistered (see countHandled). */
export function handledEventsCounter(): Counter<'consumer' | 'type' | 'outcome'> {
  return new Counter({
    name: 'agora_events_handled_total',
    help: 'Event handler attempts by consumer, event type and outcome (ok; failed: retried or dead-lettered).',
    labelNames: ['consumer', 'type', 'outcome'],
    registers: [],
  });
}

/**
 * `handlers` with each attempt counted in `counter`: `ok` when the handler resolves,
 * `failed` when it throws (the transport then retries or dead-letters the event, so
 * failed attempts are the retries plus the dead letters). The keys stay the same, so
 * the transport routes the same types.
 */
export function countHandled(
  consumer: string,
  handlers: EventHandlers,
  counter: Counter<'consumer' | 'type' | 'outcome'>,
): EventHandlers {
  const counted: Partial<Record<EventType, EventHandler<EventType>>> = {};
  for (const type of Object.keys(handlers) as EventType[]) {
    const handler = handlers[type] as EventHandler<EventType> | undefined;
    counted[type] =
      handler &&
      (async (event) => {
        try {
          await handler(event);
          counter.inc({ consumer, type, outcome: 'ok' });
        } catch (error) {
          counter.inc({ consumer, type, outcome: 'failed' });
          throw error;
        }
      });
  }
  return counted as EventHandlers;
}
