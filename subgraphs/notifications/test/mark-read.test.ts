import { randomUUID } from 'node:crypto';
import { errorCodes } from '@agora/testing';
import { customer, MARK_READ, startNotifications, type NotificationsHarness } from './setup';

let notifications: NotificationsHarness;
beforeAll(async () => {
  notifications = await startNotifications();
});
afterAll(() => notifications.stop());

describe('markNotificationRead', () => {
  it('marks the caller’s notification read and keeps the first read time when repeated', async () => {
    const user = customer();
    const row = await notifications.insert({ userId: user.userId });

    const first = await notifications.run(user, MARK_READ, { id: row.id });
    expect(first.errors).toBeUndefined();
    const readAt = first.data?.markNotificationRead.readAt as string;
    expect(new Date(readAt).getTime()).toBeGreaterThanOrEqual(row.createdAt.getTime());

    const again = await notifications.run(user, MARK_READ, { id: row.id });
    expect(again.data?.markNotificationRead).toMatchObject({ id: row.id, readAt });
  });

  it.each([
    ['another user’s notification', true],
    ['an unknown id', false],
  ])('is NOT_FOUND for %s and changes nothing', async (_label, exists) => {
    const owner = customer();
    const row = await notifications.insert({ userId: owner.userId });
    const id = exists ? row.id : randomUUID();

    const result = await notifications.run(customer(), MARK_READ, { id });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    const stored = await notifications.stored(row.id);
    expect(stored?.readAt).toBeNull();
  });

  it('is NOT_FOUND for an id that is not a UUID', async () => {
    const result = await notifications.run(customer(), MARK_READ, { id: 'not-a-uuid' });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
  });

  it('is UNAUTHENTICATED without a caller', async () => {
    const row = await notifications.insert({ userId: customer().userId });
    const result = await notifications.run(null, MARK_READ, { id: row.id });
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
  });
});
