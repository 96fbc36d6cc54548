import { randomUUID } from 'node:crypto';
import { waitFor, AMQP_URL, deleteTopology, describeRabbit, uniqueName } from '@agora/testing';
import { AmqpDeadLetters, AmqpPublisher, AmqpSubscriber, type EventEnvelope, type SubscribeOptions } from '../src';
import { orderPlaced } from './setup';

describeRabbit('a handler that keeps failing (RabbitMQ)', () => {
  const exchange = uniqueName('test.events');
  const consumer = uniqueName('notifications');
  const options: SubscribeOptions = { maxAttempts: 3, retryDelayMs: 100 };
  const publisher = new AmqpPublisher(AMQP_URL, { exchange });
  const subscriber = new AmqpSubscriber(AMQP_URL, { exchange });
  const deadLetters = new AmqpDeadLetters(AMQP_URL);

  afterAll(async () => {
    await subscriber.close();
    await publisher.close();
    await deleteTopology(exchange, [[consumer, options]]);
  });

  it('is retried with growing delays, dead-lettered after the last attempt, and handled once replayed', async () => {
    let broken = true;
    const attempts: number[] = [];
    const handled: string[] = [];
    await subscriber.subscribe(
      consumer,
      {
        OrderPlaced: (event) => {
          attempts.push(Date.now());
          if (broken) return Promise.reject(new Error('mail server down'));
          handled.push(event.id);
          return Promise.resolve();
        },
      },
      options,
    );
    const event: EventEnvelope = {
      id: randomUUID(),
      type: 'OrderPlaced',
      version: 1,
      occurredAt: new Date().toISOString(),
      source: 'orders',
      payload: orderPlaced(),
    };
    await publisher.publish(event);

    await waitFor(async () => (await deadLetters.list(consumer)).length === 1);
    expect(attempts).toHaveLength(3);
    const [first = 0, second = 0, third = 0] = attempts;
    expect(second - first).toBeGreaterThanOrEqual(100);
    expect(third - second).toBeGreaterThanOrEqual(200);
    expect(await deadLetters.list(consumer)).toEqual([
      { eventId: event.id, type: 'OrderPlaced', envelope: event, error: 'mail server down', attempts: 3 },
    ]);

    broken = false;
    // Only the dead letters asked for are replayed; the others stay.
    expect(await deadLetters.replay(consumer, [randomUUID()])).toBe(0);
    expect(await deadLetters.list(consumer)).toHaveLength(1);
    expect(await deadLetters.replay(consumer)).toBe(1);
    await waitFor(() => handled.length === 1);
    expect(handled).toEqual([event.id]);
    expect(await deadLetters.list(consumer)).toEqual([]);
  });
});
