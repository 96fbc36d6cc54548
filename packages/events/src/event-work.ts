import type { Logger } from '@agora/subgraph-kit';
import type { Metric } from 'prom-client';
import { DEFAULT_EXCHANGE } from './amqp';
import type { EventsSettings } from './config';
import { connectEvents, type Events } from './connect';
import { consumerMetrics, countHandled, handledEventsCounter } from './consumer-metrics';
import type { Subscriber } from './transport';

/** Work that must stop before the transport closes: an outbox relay's poll loop. */
export interface StoppableWork {
  stop: () => Promise<void>;
  /** One relay pass now (see catchUp). */
  relayOnce?: () => Promise<{ published: number }>;
}

export interface EventWorkOptions {
  /** The service's eventsEnv settings. */
  config: EventsSettings;
  /** Where transport, relay and consumer errors are logged. */
  log: Logger;
  /**
   * Starts the service's relays and consumers on the transport; returns what must be
   * stopped before the transport closes (relays; a consumer stops with the transport).
   */
  start: (events: Events, onError: (error: Error) => void) => Promise<StoppableWork[]>;
}

/**
 * The one way a subgraph starts its event relays and consumers (inside its `boot`):
 * connects its transport (RabbitMQ or pg-boss, see connectEvents), runs `start` on
 * it, and returns the service with a `close` that stops, in this order and once: the
 * work started here (its pass in progress still needs the store and the transport),
 * the transport (no more events are taken), then the service (the store they used).
 * Its `catchUp` runs relay passes until one publishes nothing. The consumers `start`
 * subscribes get their queue and dead-letter gauges and their handler attempts in
 * the service's `metrics` (see consumerMetrics, countHandled).
 */
export async function withEventWork<TService extends { close: () => Promise<void>; metrics?: Metric[] }>(
  service: TService,
  options: EventWorkOptions,
): Promise<TService & { catchUp: () => Promise<void> }> {
  const onError = (error: Error): void => options.log.error({ err: error }, 'event work failed');
  const { AMQP_URL: amqpUrl, AMQP_NAMESPACE: namespace } = options.config;
  // The namespace names RabbitMQ's exchange and queues; pg-boss keeps its own database apart.
  const inNamespace = (name: string): string => (amqpUrl && namespace ? `${namespace}-${name}` : name);
  const events = await connectEvents({
    amqpUrl,
    databaseUrl: options.config.EVENTS_DATABASE_URL,
    exchange: inNamespace(DEFAULT_EXCHANGE),
    onError,
  });
  const consumers = new Set<string>();
  const handled = handledEventsCounter();
  const subscriber: Subscriber = {
    subscribe: (consumer, handlers, subscribeOptions) => {
      consumers.add(consumer);
      return events.subscriber.subscribe(
        inNamespace(consumer),
        countHandled(consumer, handlers, handled),
        subscribeOptions,
      );
    },
    backlog: (consumer) => events.subscriber.backlog(inNamespace(consumer)),
    close: () => events.subscriber.close(),
  };
  let work: StoppableWork[];
  try {
    work = await options.start({ ...events, subscriber }, onError);
  } catch (error) {
    await events.close();
    throw error;
  }
  options.log.info(`events through ${events.transport}`);
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      for (const item of work) await item.stop();
      await events.close();
      await service.close();
    })());
  const catchUp = async (): Promise<void> => {
    for (const item of work) while (item.relayOnce && (await item.relayOnce()).published > 0);
  };
  const metrics = [...(service.metrics ?? []), ...consumerMetrics(subscriber, consumers), handled];
  return { ...service, close, catchUp, metrics };
}
