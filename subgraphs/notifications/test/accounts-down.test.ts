import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { waitFor } from '@agora/testing';
import { CONSUMER } from '../src/consumer';
import { startPipeline, type Pipeline } from './pipeline';

/** A local port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

let pipeline: Pipeline;
beforeAll(async () => {
  pipeline = await startPipeline({
    accountsUrl: `http://127.0.0.1:${await closedPort()}/graphql`,
    subscribeOptions: { maxAttempts: 2, retryDelayMs: 1_000 },
  });
});
afterAll(() => pipeline.stop());

describe('while accounts is unreachable', () => {
  it('an order event is retried, then dead-lettered, leaving no notification and sending no mail', async () => {
    const userId = randomUUID();
    const envelope = await pipeline.publish('OrderConfirmed', { orderId: randomUUID(), userId });

    await waitFor(async () => (await pipeline.events.deadLetters.list(CONSUMER)).length === 1, { timeoutMs: 20_000 });
    const [dead] = await pipeline.events.deadLetters.list(CONSUMER);
    expect(dead).toMatchObject({ eventId: envelope.id, attempts: 2 });
    expect(await pipeline.notificationsOf(userId)).toEqual([]);
    expect(pipeline.notifications.mail.sent).toEqual([]);
  });
});
