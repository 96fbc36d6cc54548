import PgBoss from 'pg-boss';
import { eventTypes, parseEnvelope, type EventEnvelope } from './catalog';
import {
  type ConsumerBacklog,
  consumerQueue,
  deadLetterQueue,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RETRY_DELAY_MS,
  dispatch,
  errorMessage,
  type EventHandlers,
  type Publisher,
  type SubscribeOptions,
  type Subscriber,
} from './transport';

export interface PgQueueOptions {
  /** How often an idle worker looks for jobs (default 2 s; pg-boss allows 0.5 s at least). */
  pollingIntervalSeconds?: number;
  /** Told about pg-boss's background errors (default: console.error). */
  onError?: (error: Error) => void;
}

/** The pg-boss schema inside the events database. */
export const PG_BOSS_SCHEMA = 'pgboss';

/**
 * Starts pg-boss on `databaseUrl` (creating or migrating its schema). Every service
 * of one deployment must point at the same database: it is where producers' events
 * meet consumers' queues.
 */
export async function startPgBoss(databaseUrl: string, options: PgQueueOptions = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: PG_BOSS_SCHEMA,
    application_name: 'agora-events',
    // No cron schedules are used; the maintenance (expiry, archiving) still runs.
    schedule: false,
    ...(options.pollingIntervalSeconds ? { pollingIntervalSeconds: options.pollingIntervalSeconds } : {}),
  });
  // pg-boss emits 'error' for background failures; unheard, an EventEmitter 'error' crashes the process.
  const onError = options.onError ?? ((error: Error) => console.error(`pg-boss: ${error.message}`));
  boss.on('error', onError);
  await boss.start();
  return boss;
}

/**
 * Publishes into the queue of every consumer subscribed to the event's type, in one
 * INSERT: it resolves once the jobs are committed, and a failure publishes nowhere.
 * (pg-boss's own publish() ignores failed sends, which would lose events.)
 */
export class PgBossPublisher implements Publisher {
  constructor(private readonly boss: PgBoss) {}

  async publish(event: EventEnvelope): Promise<void> {
    const { rows } = await this.boss
      .getDb()
      .executeSql(`select name from ${PG_BOSS_SCHEMA}.subscription where event = $1`, [event.type]);
    const queues = (rows as { name: string }[]).map((row) => row.name);
    if (queues.length > 0) await this.boss.insert(queues.map((name) => ({ name, data: event })));
  }

  async close(): Promise<void> {
    // The boss is shared with the subscriber; whoever started it stops it.
  }
}

/**
 * Works `<consumer>.events` with pg-boss: a failed job is retried with exponential
 * back-off (retryLimit = maxAttempts - 1, retryBackoff) and then copied by pg-boss
 * to `<consumer>.events.dlq`.
 */
export class PgBossSubscriber implements Subscriber {
  private readonly pollingIntervalSeconds: number | undefined;

  constructor(
    private readonly boss: PgBoss,
    options: PgQueueOptions = {},
  ) {
    this.pollingIntervalSeconds = options.pollingIntervalSeconds;
  }

  async subscribe(consumer: string, handlers: EventHandlers, options: SubscribeOptions = {}): Promise<void> {
    const queue = consumerQueue(consumer);
    const deadLetter = deadLetterQueue(consumer);
    const settings = {
      name: queue,
      retryLimit: (options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS) - 1,
      retryDelay: Math.max(1, Math.ceil((options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS) / 1000)),
      retryBackoff: true,
      deadLetter,
    };
    await this.boss.createQueue(deadLetter);
    // createQueue leaves an existing queue as it is; updateQueue applies changed settings.
    await this.boss.createQueue(queue, settings);
    await this.boss.updateQueue(queue, settings);
    for (const type of eventTypes) {
      if (handlers[type]) await this.boss.subscribe(type, queue);
      else await this.boss.unsubscribe(type, queue);
    }
    const batchSize = options.concurrency ?? 10;
    const workerId: string = await this.boss.work<unknown>(
      queue,
      { batchSize, ...(this.pollingIntervalSeconds ? { pollingIntervalSeconds: this.pollingIntervalSeconds } : {}) },
      async (jobs) => {
        // Each job completes or fails on its own (pg-boss would fail the whole batch on a throw).
        await Promise.all(jobs.map((job) => this.run(queue, handlers, job)));
        // A full batch suggests more are waiting: fetch again without the polling pause.
        if (jobs.length === batchSize) this.boss.notifyWorker(workerId);
      },
    );
  }

  async backlog(consumer: string): Promise<ConsumerBacklog> {
    return {
      queued: await this.boss.getQueueSize(consumerQueue(consumer)),
      deadLettered: await this.boss.getQueueSize(deadLetterQueue(consumer)),
    };
  }

  async close(): Promise<void> {
    // Stopping the boss (connectEvents' close) stops its workers.
  }

  private async run(queue: string, handlers: EventHandlers, job: PgBoss.Job<unknown>): Promise<void> {
    try {
      await dispatch(handlers, parseEnvelope(job.data));
    } catch (error) {
      await this.boss.fail(queue, job.id, { message: errorMessage(error) });
      return;
    }
    await this.boss.complete(queue, job.id);
  }
}
