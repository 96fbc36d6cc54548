import { AmqpPublisher } from './amqp';
import { AmqpSubscriber } from './amqp-subscriber';
import { AmqpDeadLetters, PgBossDeadLetters, type DeadLetters } from './dead-letters';
import { PgBossPublisher, PgBossSubscriber, startPgBoss } from './pg-queue';
import type { Publisher, Subscriber } from './transport';

export interface ConnectEventsOptions {
  /** RabbitMQ URL (AMQP_URL). When set, events go through RabbitMQ. */
  amqpUrl?: string;
  /**
   * The events database shared by every service of the deployment, for the
   * pg-boss queue used when no amqpUrl is given (then required).
   */
  databaseUrl?: string;
  /** RabbitMQ exchange (default `agora.events`). */
  exchange?: string;
  /** pg-boss idle polling (default 2 s). */
  pollingIntervalSeconds?: number;
  /** Told about background transport errors (default: console.error). */
  onError?: (error: Error) => void;
}

export interface Events {
  transport: 'amqp' | 'pg-boss';
  publisher: Publisher;
  subscriber: Subscriber;
  deadLetters: DeadLetters;
  close: () => Promise<void>;
}

/**
 * The event transport of a service: RabbitMQ when `amqpUrl` is set, else a pg-boss
 * queue in `databaseUrl`. RabbitMQ connects on first use (a producer starts while the
 * broker is down; its outbox holds the events); pg-boss starts here.
 */
export async function connectEvents(options: ConnectEventsOptions): Promise<Events> {
  const { amqpUrl, exchange, onError } = options;
  if (amqpUrl) {
    const publisher = new AmqpPublisher(amqpUrl, { exchange, onError });
    const subscriber = new AmqpSubscriber(amqpUrl, { exchange, onError });
    return {
      transport: 'amqp',
      publisher,
      subscriber,
      deadLetters: new AmqpDeadLetters(amqpUrl),
      close: async () => {
        await subscriber.close();
        await publisher.close();
      },
    };
  }
  if (!options.databaseUrl) throw new Error('connectEvents: neither amqpUrl nor databaseUrl is set');
  const boss = await startPgBoss(options.databaseUrl, options);
  return {
    transport: 'pg-boss',
    publisher: new PgBossPublisher(boss),
    subscriber: new PgBossSubscriber(boss, options),
    deadLetters: new PgBossDeadLetters(boss),
    close: () => boss.stop({ graceful: true, wait: true }),
  };
}
