import { Gauge, type Metric } from 'prom-client';
import type { ConsumerBacklog, Subscriber } from './transport';

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
