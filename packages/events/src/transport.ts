import type { EventEnvelope, EventType } from './catalog';

/** Handles one event; a throw means "not handled": the transport retries, then dead-letters. */
export type EventHandler<T extends EventType> = (event: EventEnvelope<T>) => Promise<void>;

/** What a consumer handles: one handler per event type; the keys decide what it receives. */
export type EventHandlers = { [T in EventType]?: EventHandler<T> };

/** Sends events on. Implemented by the RabbitMQ and the pg-boss transports. */
export interface Publisher {
  /** Resolves only once the transport has durably accepted the event (broker confirm / committed insert). */
  publish(event: EventEnvelope): Promise<void>;
  close(): Promise<void>;
}

export interface SubscribeOptions {
  /** Handler attempts before the message goes to the dead-letter queue (default 5). */
  maxAttempts?: number;
  /**
   * Delay before the first retry; it doubles on each further retry (default 1000).
   * pg-boss counts whole seconds: the value is rounded up to at least 1 s there.
   */
  retryDelayMs?: number;
  /** Messages handled at once by this consumer (default 10). */
  concurrency?: number;
}

/** Receives events for a named consumer (a service), each consumer on a queue of its own. */
export interface Subscriber {
  /**
   * Declares `<consumer>.events` (and its retry and dead-letter queues), routes the
   * event types that `handlers` has keys for to it, and starts handling.
   */
  subscribe(consumer: string, handlers: EventHandlers, options?: SubscribeOptions): Promise<void>;
  /** What waits for `consumer` now (read by the consumer metrics). */
  backlog(consumer: string): Promise<ConsumerBacklog>;
  close(): Promise<void>;
}

/** Messages a consumer has not handled yet, and those it gave up on. */
export interface ConsumerBacklog {
  /** Ready in `<consumer>.events` (messages waiting out a retry delay aside). */
  queued: number;
  /** In its dead-letter queue. */
  deadLettered: number;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_RETRY_DELAY_MS = 1000;

/** The queue a consumer reads its events from. */
export function consumerQueue(consumer: string): string {
  return `${assertConsumerName(consumer)}.events`;
}

/** Where a consumer's messages go once every attempt has failed. */
export function deadLetterQueue(consumer: string): string {
  return `${consumerQueue(consumer)}.dlq`;
}

function assertConsumerName(consumer: string): string {
  if (!/^[a-z][a-z0-9_-]*$/i.test(consumer)) throw new Error(`invalid consumer name: ${consumer}`);
  return consumer;
}

/** Runs the handler for the event's type; an event nobody handles is acknowledged as done. */
export async function dispatch(handlers: EventHandlers, event: EventEnvelope): Promise<void> {
  // The map is keyed by type, so the handler found matches the event's type.
  const handler = handlers[event.type] as EventHandler<EventType> | undefined;
  if (handler) await handler(event);
}

/** A readable message for any thrown value (stored as last_error / in dead letters). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Any thrown or callback-reported value as an Error. */
export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(errorMessage(error));
}
