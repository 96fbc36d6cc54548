import amqp, { type ChannelModel, type ConfirmChannel, type ConsumeMessage } from 'amqplib';
import {
  attemptsOf,
  DEFAULT_EXCHANGE,
  ATTEMPTS_HEADER,
  ERROR_HEADER,
  forwardProperties,
  ownHeaders,
  retryQueues,
  sendConfirmed,
  type AmqpOptions,
} from './amqp';
import { parseEnvelope } from './catalog';
import {
  type ConsumerBacklog,
  consumerQueue,
  deadLetterQueue,
  DEFAULT_MAX_ATTEMPTS,
  dispatch,
  errorMessage,
  type EventHandlers,
  type SubscribeOptions,
  type Subscriber,
} from './transport';

interface Subscription {
  consumer: string;
  handlers: EventHandlers;
  options: SubscribeOptions;
}

const MAX_RECONNECT_DELAY_MS = 30_000;

/**
 * Consumes `<consumer>.events`, bound to the exchange for the handled types. A failed
 * handler sends the message through the retry ladder (exponential back-off, attempts
 * counted in a header) and after maxAttempts to `<consumer>.events.dlq`. A lost
 * connection is reported and re-established with back-off, every subscription with it.
 */
export class AmqpSubscriber implements Subscriber {
  private readonly exchange: string;
  private readonly onError: (error: Error) => void;
  private readonly subscriptions: Subscription[] = [];
  private connection: Promise<ChannelModel> | null = null;
  private closing = false;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    options: AmqpOptions = {},
  ) {
    this.exchange = options.exchange ?? DEFAULT_EXCHANGE;
    this.onError = options.onError ?? ((error) => console.error(`amqp subscriber: ${error.message}`));
  }

  async subscribe(consumer: string, handlers: EventHandlers, options: SubscribeOptions = {}): Promise<void> {
    const subscription = { consumer, handlers, options };
    await this.consume(await this.connect(), subscription);
    this.subscriptions.push(subscription);
  }

  async backlog(consumer: string): Promise<ConsumerBacklog> {
    const channel = await (await this.connect()).createChannel();
    try {
      const queued = await channel.checkQueue(consumerQueue(consumer));
      const deadLettered = await channel.checkQueue(deadLetterQueue(consumer));
      return { queued: queued.messageCount, deadLettered: deadLettered.messageCount };
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const connection = await this.connection?.catch(() => null);
    this.connection = null;
    await connection?.close().catch(() => undefined);
  }

  private connect(): Promise<ChannelModel> {
    this.connection ??= amqp.connect(this.url).then((connection) => {
      connection.on('error', (error: Error) => this.onError(error));
      connection.on('close', () => this.lost(new Error('connection to RabbitMQ closed')));
      return connection;
    });
    this.connection.catch(() => {
      this.connection = null;
    });
    return this.connection;
  }

  private lost(error: Error, delayMs = 1000): void {
    if (this.closing) return;
    this.onError(new Error(`${error.message}; reconnecting in ${delayMs} ms`));
    this.connection = null;
    this.reconnectTimer = setTimeout(() => {
      void this.resubscribe().catch((reason: unknown) =>
        this.lost(
          reason instanceof Error ? reason : new Error(String(reason)),
          Math.min(delayMs * 2, MAX_RECONNECT_DELAY_MS),
        ),
      );
    }, delayMs);
  }

  private async resubscribe(): Promise<void> {
    const connection = await this.connect();
    for (const subscription of this.subscriptions) await this.consume(connection, subscription);
  }

  private async consume(connection: ChannelModel, subscription: Subscription): Promise<void> {
    const { consumer, handlers, options } = subscription;
    const queue = consumerQueue(consumer);
    const channel = await connection.createConfirmChannel();
    channel.on('error', (error: Error) => this.onError(error));
    // A channel the broker closed, or a consumer it cancelled (its queue was deleted),
    // would silently stop consuming: drop the connection so the reconnect path
    // declares everything again.
    const restart = (): void => {
      if (!this.closing) void connection.close().catch(() => undefined);
    };
    channel.on('close', restart);
    await channel.assertExchange(this.exchange, 'topic', { durable: true });
    await channel.assertQueue(queue, { durable: true });
    await channel.assertQueue(deadLetterQueue(consumer), { durable: true });
    for (const retry of retryQueues(consumer, options)) {
      await channel.assertQueue(retry.name, {
        durable: true,
        arguments: { 'x-message-ttl': retry.delayMs, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': queue },
      });
    }
    for (const type of Object.keys(handlers)) await channel.bindQueue(queue, this.exchange, type);
    await channel.prefetch(options.concurrency ?? 10);
    await channel.consume(queue, (message) => {
      if (message) void this.handle(channel, subscription, message);
      else restart();
    });
  }

  private async handle(channel: ConfirmChannel, subscription: Subscription, message: ConsumeMessage): Promise<void> {
    const { consumer, handlers, options } = subscription;
    const attempt = attemptsOf(message.properties.headers) + 1;
    try {
      await dispatch(handlers, parseEnvelope(JSON.parse(message.content.toString('utf8'))));
      channel.ack(message);
      return;
    } catch (error) {
      const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
      const retry = retryQueues(consumer, options)[attempt - 1];
      const target = attempt >= maxAttempts || !retry ? deadLetterQueue(consumer) : retry.name;
      const headers = { ...ownHeaders(message), [ATTEMPTS_HEADER]: attempt, [ERROR_HEADER]: errorMessage(error) };
      try {
        // Acknowledged only once the broker holds the copy: a crash in between
        // redelivers the message (handled again, idempotently) rather than losing it.
        await sendConfirmed(channel, target, message.content, forwardProperties(message, headers));
        channel.ack(message);
      } catch (moveError) {
        // The channel is going away; the unacknowledged message is redelivered later.
        this.onError(new Error(`could not move a failed message of ${consumer}: ${errorMessage(moveError)}`));
      }
    }
  }
}
