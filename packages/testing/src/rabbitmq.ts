import { spawnSync } from 'node:child_process';
import amqp from 'amqplib';
import { consumerQueue, deadLetterQueue, retryQueues, type SubscribeOptions } from '@agora/events';

/** The RabbitMQ the transport tests use: AMQP_URL, or the local default. */
export const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

/**
 * Whether RabbitMQ answers, decided synchronously so a file can pick describe or
 * describe.skip. Under CI it must answer: a missing broker fails the run loudly.
 */
function rabbitAvailable(): boolean {
  const url = new URL(AMQP_URL);
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `const s=require('net').connect(${Number(url.port || 5672)},${JSON.stringify(url.hostname)});` +
        `s.on('connect',()=>process.exit(0));s.on('error',()=>process.exit(1));setTimeout(()=>process.exit(1),2000);`,
    ],
    { timeout: 5000 },
  );
  return probe.status === 0;
}

export const rabbitUp = rabbitAvailable();
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
