import { randomUUID } from 'node:crypto';
import { waitFor } from '@agora/testing';
import { startPipeline, type Pipeline } from './pipeline';

let pipeline: Pipeline;
beforeAll(async () => {
  pipeline = await startPipeline();
});
afterAll(() => pipeline.stop());

function sentTo(email: string) {
  return pipeline.notifications.mail.sent.filter((message) => message.to === email);
}

describe('order events', () => {
  it('turn an OrderConfirmed into a notification and a mail to the address accounts has', async () => {
    const user = await pipeline.accounts.addUser('Grace Hopper');
    const orderId = randomUUID();
    await pipeline.publish('OrderConfirmed', { orderId, userId: user.id });

    await waitFor(async () => (await pipeline.notificationsOf(user.id)).length === 1);
    const [notification] = await pipeline.notificationsOf(user.id);
    expect(notification).toMatchObject({ kind: 'ORDER_CONFIRMED', orderId, readAt: null });
    expect(notification?.body).toContain(orderId);
    expect(notification?.deliveries).toEqual([
      expect.objectContaining({ channel: 'email', status: 'sent', error: null, sentAt: expect.any(Date) }),
    ]);
    expect(sentTo(user.email)).toEqual([
      { to: user.email, subject: notification?.title, text: expect.stringContaining('Hello Grace Hopper') },
    ]);
  });

  it('turn an OrderCancelled into a notification that gives the reason', async () => {
    const user = await pipeline.accounts.addUser();
    const orderId = randomUUID();
    await pipeline.publish('OrderCancelled', { orderId, userId: user.id, reason: 'cancelled by the customer' });

    await waitFor(async () => (await pipeline.notificationsOf(user.id)).length === 1);
    const [notification] = await pipeline.notificationsOf(user.id);
    expect(notification).toMatchObject({ kind: 'ORDER_CANCELLED', orderId });
    expect(notification?.body).toContain('cancelled by the customer');
    expect(notification?.deliveries).toEqual([expect.objectContaining({ status: 'sent' })]);
    expect(sentTo(user.email)).toHaveLength(1);
  });

  it('make one notification, one delivery and one mail of a duplicated envelope', async () => {
    const user = await pipeline.accounts.addUser();
    const envelope = await pipeline.publish('OrderConfirmed', { orderId: randomUUID(), userId: user.id });
    await pipeline.publish('OrderConfirmed', envelope.payload, envelope.id);

    await waitFor(async () => (await pipeline.completedDeliveries(envelope.id)) === 2);
    const rows = await pipeline.notificationsOf(user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.deliveries).toHaveLength(1);
    expect(sentTo(user.email)).toHaveLength(1);
  });

  it('record a failed delivery, and still notify in the shop, for a user accounts does not know', async () => {
    const userId = randomUUID();
    await pipeline.publish('OrderConfirmed', { orderId: randomUUID(), userId });

    await waitFor(async () => (await pipeline.notificationsOf(userId)).length === 1);
    const [notification] = await pipeline.notificationsOf(userId);
    expect(notification?.deliveries).toEqual([
      expect.objectContaining({ status: 'failed', sentAt: null, error: 'no such user in accounts' }),
    ]);
  });
});
