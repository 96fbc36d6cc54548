import { z } from 'zod';

/** An empty value means unset (compose and Kubernetes often pass empty variables). */
const optionalUrl = (message: string) =>
  z.preprocess((value) => (value === '' ? undefined : value), z.url(message).optional());

/**
 * The settings every event producer and consumer reads. A service's config schema gets
 * them, with the transport check, from eventsConfigSchema.
 */
export const eventsEnv = {
  /**
   * The events database every service shares (pg-boss queues; `npm start` creates
   * agora_events). Needed only without AMQP_URL.
   */
  EVENTS_DATABASE_URL: optionalUrl('must be a postgres:// URL'),
  /** RabbitMQ; when set, events go through it instead of pg-boss. */
  AMQP_URL: optionalUrl('must be an amqp:// URL'),
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

/** The parsed eventsEnv settings. */
export interface EventsSettings {
  EVENTS_DATABASE_URL?: string;
  AMQP_URL?: string;
  AMQP_NAMESPACE?: string;
}

/**
 * The config schema of a service that produces or consumes events: its own `shape`
 * plus eventsEnv. Events need a transport, RabbitMQ (AMQP_URL) or the shared pg-boss
 * database (EVENTS_DATABASE_URL): without either the configuration is refused with an
 * issue on EVENTS_DATABASE_URL naming both ("required unless AMQP_URL is set (set
 * AMQP_URL or EVENTS_DATABASE_URL)"). The one place that check is written; a service
 * chains its own refinements after it.
 */
export function eventsConfigSchema<TShape extends z.ZodRawShape>(shape: TShape) {
  return z.object({ ...shape, ...eventsEnv }).superRefine((env, context) => {
    // The output always holds eventsEnv's keys; the generic shape hides their types.
    const settings = env as EventsSettings;
    if (settings.AMQP_URL === undefined && settings.EVENTS_DATABASE_URL === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['EVENTS_DATABASE_URL'],
        message: 'required unless AMQP_URL is set (set AMQP_URL or EVENTS_DATABASE_URL)',
      });
    }
  });
}

/** What a service with a transactional outbox reads on top of eventsEnv. */
export const outboxEnv = {
  /** How often the relay looks for unpublished events. */
  OUTBOX_RELAY_INTERVAL_MS: z.coerce.number().int().positive().default(500),
};
