import amqp, { type ConfirmChannel, type GetMessage } from 'amqplib';
import type PgBoss from 'pg-boss';
import {
  ATTEMPTS_HEADER,
  attemptsOf,
  ERROR_HEADER,
  errorOf,
  forwardProperties,
  ownHeaders,
  sendConfirmed,
} from './amqp';
import { PG_BOSS_SCHEMA } from './pg-queue';
import { consumerQueue, deadLetterQueue } from './transport';

/** A message that failed every attempt, as an operator sees it. */
export interface DeadLetter {
  /** The envelope's id (null when the message was not an envelope at all). */
  eventId: string | null;
  type: string | null;
  /** The message as it was sent. */
  envelope: unknown;
  /** The last handler error. */
  error: string | null;
  /** Handler attempts made before it was dead-lettered. */
  attempts: number;
}

/** Inspect and replay a consumer's dead-letter queue. */
export interface DeadLetters {
  list(consumer: string): Promise<DeadLetter[]>;
  /**
   * Moves dead letters back to the consumer's queue with a fresh attempt count:
   * those with the given event ids, or all. Returns how many were moved.
   */
  replay(consumer: string, eventIds?: string[]): Promise<number>;
}

function describe(envelope: unknown, error: string | null, attempts: number): DeadLetter {
  const fields = typeof envelope === 'object' && envelope !== null ? (envelope as Record<string, unknown>) : {};
  return {
    eventId: typeof fields.id === 'string' ? fields.id : null,
    type: typeof fields.type === 'string' ? fields.type : null,
    envelope,
    error,
    attempts,
  };
}

function parseJson(content: Buffer): unknown {
  try {
    return JSON.parse(content.toString('utf8'));
  } catch {
    return content.toString('utf8');
  }
}

/**
 * RabbitMQ: reads `<consumer>.events.dlq` with basic.get. Messages not replayed stay
 * unacknowledged until the channel closes, which puts them back on the queue.
 */
export class AmqpDeadLetters implements DeadLetters {
  constructor(private readonly url: string) {}

  async list(consumer: string): Promise<DeadLetter[]> {
    return this.withDeadLetters(consumer, (messages) =>
      Promise.resolve(
        messages.map((message) =>
          describe(
            parseJson(message.content),
            errorOf(message.properties.headers),
            attemptsOf(message.properties.headers),
          ),
        ),
      ),
    );
  }

  async replay(consumer: string, eventIds?: string[]): Promise<number> {
    return this.withDeadLetters(consumer, async (messages, channel) => {
      const queue = consumerQueue(consumer);
      // sendToQueue to a missing queue is confirmed and dropped: check it exists first.
      await channel.checkQueue(queue);
      let replayed = 0;
      for (const message of messages) {
        const eventId = describe(parseJson(message.content), null, 0).eventId;
        if (eventIds && (!eventId || !eventIds.includes(eventId))) continue;
        const headers = ownHeaders(message);
        delete headers[ATTEMPTS_HEADER];
        delete headers[ERROR_HEADER];
        await sendConfirmed(channel, queue, message.content, forwardProperties(message, headers));
        channel.ack(message);
        replayed += 1;
      }
      return replayed;
    });
  }

  private async withDeadLetters<T>(
    consumer: string,
    work: (messages: GetMessage[], channel: ConfirmChannel) => Promise<T>,
  ): Promise<T> {
    const connection = await amqp.connect(this.url);
    connection.on('error', () => undefined); // reported through the awaited calls below
    try {
      const channel = await connection.createConfirmChannel();
      const queue = deadLetterQueue(consumer);
      await channel.checkQueue(queue);
      const messages: GetMessage[] = [];
      for (let message = await channel.get(queue); message; message = await channel.get(queue)) {
        messages.push(message);
      }
      const result = await work(messages, channel);
      // Closing the channel first flushes its acks (a connection close may overtake
      // them); the broker then requeues what was not acknowledged.
      await channel.close();
      return result;
    } finally {
      await connection.close().catch(() => undefined);
    }
  }
}

interface DeadJobRow {
  id: string;
  data: unknown;
  output: { message?: unknown } | null;
  retry_limit: number;
}

/**
 * pg-boss: dead letters are jobs waiting in `<consumer>.events.dlq` (nobody works that
 * queue). pg-boss copies the original's retry limit onto them, hence the attempts.
 */
export class PgBossDeadLetters implements DeadLetters {
  constructor(private readonly boss: PgBoss) {}

  async list(consumer: string): Promise<DeadLetter[]> {
    return (await this.deadJobs(consumer)).map((job) =>
      describe(job.data, typeof job.output?.message === 'string' ? job.output.message : null, job.retry_limit + 1),
    );
  }

  async replay(consumer: string, eventIds?: string[]): Promise<number> {
    const queue = consumerQueue(consumer);
    let replayed = 0;
    for (const job of await this.deadJobs(consumer)) {
      const eventId = describe(job.data, null, 0).eventId;
      if (eventIds && (!eventId || !eventIds.includes(eventId))) continue;
      // Sent before the dead letter is deleted: a crash in between duplicates, never loses.
      await this.boss.send(queue, job.data as object);
      await this.boss.deleteJob(deadLetterQueue(consumer), job.id);
      replayed += 1;
    }
    return replayed;
  }

  private async deadJobs(consumer: string): Promise<DeadJobRow[]> {
    const { rows } = await this.boss
      .getDb()
      .executeSql(
        `select id, data, output, retry_limit from ${PG_BOSS_SCHEMA}.job where name = $1 and state = 'created' order by created_on, id`,
        [deadLetterQueue(consumer)],
      );
    return rows as DeadJobRow[];
  }
}
