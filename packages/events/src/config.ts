import { z } from 'zod';

/** The settings every event producer and consumer reads (spread into its config schema). */
export const eventsEnv = {
  /** The events database every service shares (pg-boss queues; `npm start` creates agora_events). */
  EVENTS_DATABASE_URL: z.url('must be a postgres:// URL'),
  /** RabbitMQ; when set, events go through it instead of pg-boss. An empty value means unset. */
  AMQP_URL: z.preprocess((value) => (value === '' ? undefined : value), z.url('must be an amqp:// URL').optional()),
  /**
   * Prefixes the RabbitMQ exchange (`<ns>-agora.events`) and every consumer's queues
   * (`<ns>-<consumer>.events`, its retries and dead letters), so deployments or test runs
   * that share one broker do not take each other's events. Unset: no prefix.
   */
  AMQP_NAMESPACE: z
    .string()
    .regex(/^[a-z][a-z0-9_-]{0,62}$/, 'must be a lower-case letter, then up to 62 lower-case letters, digits, _ or -')
    .optional(),
};

/** What a service with a transactional outbox reads on top of eventsEnv. */
export const outboxEnv = {
  /** How often the relay looks for unpublished events. */
  OUTBOX_RELAY_INTERVAL_MS: z.coerce.number().int().positive().default(500),
};
