import amqp, { type ChannelModel, type ConfirmChannel, type Message, type Options } from 'amqplib';
import type { EventEnvelope } from './catalog';
import {
  consumerQueue,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RETRY_DELAY_MS,
  type Publisher,
  toError,
  type SubscribeOptions,
} from './transport';

export interface AmqpOptions {
  /** The durable topic exchange events go through (default `agora.events`; tests use their own). */
  exchange?: string;
  /** Told about connection losses and failed re-publishes (default: console.error). */
  onError?: (error: Error) => void;
}

export const DEFAULT_EXCHANGE = 'agora.events';
/** Header counting the handler attempts a message has had. */
export const ATTEMPTS_HEADER = 'x-attempts';
/** Header carrying the last handler error. */
export const ERROR_HEADER = 'x-last-error';

/**
 * The retry ladder of a consumer: attempt n that fails waits in queue
 * `<consumer>.events.retry.<delay>ms`, whose TTL dead-letters it back to the main
 * queue. One queue per delay (instead of per-message TTLs in one queue) because a
 * queue only expires its head: a long delay would hold up the short ones behind it.
 * The delay is in the name so a changed setting declares new queues instead of
 * clashing with the arguments of the old ones.
 */
export function retryQueues(consumer: string, options: SubscribeOptions = {}): { name: string; delayMs: number }[] {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const base = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
  return Array.from({ length: Math.max(0, maxAttempts - 1) }, (_, i) => {
    const delayMs = base * 2 ** i;
    return { name: `${consumerQueue(consumer)}.retry.${delayMs}ms`, delayMs };
  });
}

export function attemptsOf(headers: Record<string, unknown> | undefined): number {
  const value = headers?.[ATTEMPTS_HEADER];
  return typeof value === 'number' ? value : 0;
}

export function errorOf(headers: Record<string, unknown> | undefined): string | null {
  const value = headers?.[ERROR_HEADER];
  return typeof value === 'string' ? value : null;
}

/** Sends to a queue on a confirm channel; resolves once the broker has taken the message. */
export function sendConfirmed(
  channel: ConfirmChannel,
  queue: string,
  content: Buffer,
  options: Options.Publish,
): Promise<void> {
  return new Promise((resolve, reject) => {
    channel.sendToQueue(queue, content, options, (error: unknown) => (error ? reject(toError(error)) : resolve()));
  });
}

/** The properties a message keeps when it moves between queues, with new headers. */
export function forwardProperties(message: Message, headers: Record<string, unknown>): Options.Publish {
  // amqplib types these properties as any; they are what the publisher set.
  const properties: Options.Publish = message.properties;
  const { messageId, type, contentType, appId, timestamp } = properties;
  return { messageId, type, contentType, appId, timestamp, headers, persistent: true };
}

/** The message's own headers, without the broker's dead-letter history. */
export function ownHeaders(message: Message): Record<string, unknown> {
  const headers: Record<string, unknown> = { ...message.properties.headers };
  for (const key of Object.keys(headers)) if (key.startsWith('x-') && key.includes('death')) delete headers[key];
  return headers;
}

/** Publishes to the topic exchange (routing key = event type) on a confirm channel. */
export class AmqpPublisher implements Publisher {
  private readonly exchange: string;
  private readonly onError: (error: Error) => void;
  private open: Promise<{ connection: ChannelModel; channel: ConfirmChannel }> | null = null;

  constructor(
    private readonly url: string,
    options: AmqpOptions = {},
  ) {
    this.exchange = options.exchange ?? DEFAULT_EXCHANGE;
    this.onError = options.onError ?? ((error) => console.error(`amqp publisher: ${error.message}`));
  }

  async publish(event: EventEnvelope): Promise<void> {
    const { channel } = await this.connect();
    const content = Buffer.from(JSON.stringify(event));
    const options: Options.Publish = {
      persistent: true,
      messageId: event.id,
      type: event.type,
      appId: event.source,
      contentType: 'application/json',
      timestamp: Math.floor(Date.parse(event.occurredAt) / 1000),
    };
    await new Promise<void>((resolve, reject) => {
      channel.publish(this.exchange, event.type, content, options, (error: unknown) =>
        error ? reject(toError(error)) : resolve(),
      );
    });
  }

  async close(): Promise<void> {
    const open = this.open;
    this.open = null;
    if (open) await (await open.catch(() => null))?.connection.close().catch(() => undefined);
  }

  /** Connects on first use and again after a loss: the relay keeps rows until a publish works. */
  private connect(): Promise<{ connection: ChannelModel; channel: ConfirmChannel }> {
    if (this.open) return this.open;
    const open = (async () => {
      const connection = await amqp.connect(this.url);
      const forget = (): void => {
        if (this.open === open) this.open = null;
      };
      connection.on('error', (error: Error) => this.onError(error));
      connection.on('close', forget);
      const channel = await connection.createConfirmChannel();
      channel.on('error', (error: Error) => this.onError(error));
      channel.on('close', forget);
      await channel.assertExchange(this.exchange, 'topic', { durable: true });
      return { connection, channel };
    })();
    this.open = open;
    open.catch(() => {
      if (this.open === open) this.open = null;
    });
    return open;
  }
}
