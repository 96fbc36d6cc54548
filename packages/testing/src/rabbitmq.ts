import amqp from 'amqplib';
import { consumerQueue, deadLetterQueue, retryQueues, type SubscribeOptions } from '@agora/events';
import { tcpAnswers } from './probe';

/** The RabbitMQ the transport tests use: AMQP_URL, or the local default. */
export const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

// Whether RabbitMQ answers; under CI it must: a missing broker fails the run loudly.
export const rabbitUp = tcpAnswers(new URL(AMQP_URL), 5672);
if (!rabbitUp) {
  if (process.env.CI === 'true') {
    throw new Error(`RabbitMQ does not answer at ${AMQP_URL}: CI requires it for the RabbitMQ transport tests.`);
  }
  console.warn(`RabbitMQ does not answer at ${AMQP_URL}: skipping the RabbitMQ transport tests (CI runs them).`);
}

/** `describe` when RabbitMQ is up, `describe.skip` otherwise (outside CI only). */
export const describeRabbit = rabbitUp ? describe : describe.skip;

/** Deletes a test run's exchange and every queue of its consumers. */
export async function deleteTopology(exchange: string, consumers: [string, SubscribeOptions][]): Promise<void> {
  const connection = await amqp.connect(AMQP_URL);
  try {
    const channel = await connection.createChannel();
    for (const [consumer, options] of consumers) {
      await channel.deleteQueue(consumerQueue(consumer));
      await channel.deleteQueue(deadLetterQueue(consumer));
      for (const retry of retryQueues(consumer, options)) await channel.deleteQueue(retry.name);
    }
    await channel.deleteExchange(exchange);
  } finally {
    await connection.close();
  }
}
