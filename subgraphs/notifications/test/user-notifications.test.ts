import { errorCodes, forgedNewestFirstCursors } from '@agora/testing';
import {
  customer,
  NOTIFICATION_FIELDS,
  startNotifications,
  USER_NOTIFICATIONS,
  type NotificationsHarness,
} from './setup';

let notifications: NotificationsHarness;
beforeAll(async () => {
  notifications = await startNotifications();
});
afterAll(() => notifications.stop());

/** `count` notifications of `userId`, one second apart, oldest first. */
async function notificationsOf(userId: string, count: number) {
  const start = Date.now() - 60_000;
  const rows = [];
  for (let i = 0; i < count; i += 1) {
    rows.push(await notifications.insert({ userId, title: `Notice ${i}`, createdAt: new Date(start + i * 1_000) }));
  }
  return rows;
}

describe('User.notifications', () => {
  it('pages through the user’s own notifications, newest first', async () => {
    const user = customer();
    const rows = await notificationsOf(user.userId, 5);
    await notificationsOf(customer().userId, 2);
    const newestFirst = rows.map((row) => row.id).reverse();

    const seen: string[] = [];
    let after: string | null = null;
    for (const expected of [
      { size: 2, hasNextPage: true },
      { size: 2, hasNextPage: true },
      { size: 1, hasNextPage: false },
    ]) {
      const result = await notifications.run(user, USER_NOTIFICATIONS, { id: user.userId, first: 2, after });
      expect(result.errors).toBeUndefined();
      const connection = result.data?._entities[0].notifications;
      expect(connection.totalCount).toBe(5);
      expect(connection.edges).toHaveLength(expected.size);
      expect(connection.pageInfo.hasNextPage).toBe(expected.hasNextPage);
      seen.push(...connection.edges.map((edge: { node: { id: string } }) => edge.node.id));
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(newestFirst);
  });

  it('gives each notification’s fields as stored', async () => {
    const user = customer();
    const [row] = await notificationsOf(user.userId, 1);
    const result = await notifications.run(user, USER_NOTIFICATIONS, { id: user.userId });
    expect(result.data?._entities[0].notifications.edges[0].node).toEqual({
      id: row?.id,
      kind: 'ORDER_CONFIRMED',
      title: 'Notice 0',
      body: row?.body,
      orderId: row?.orderId,
      createdAt: row?.createdAt.toISOString(),
      readAt: null,
    });
  });

  it('is an empty page for a user without notifications', async () => {
    const user = customer();
    const result = await notifications.run(user, USER_NOTIFICATIONS, { id: user.userId });
    expect(result.data?._entities[0].notifications).toEqual({
      totalCount: 0,
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: [],
    });
  });

  it('is FORBIDDEN to another user', async () => {
    const owner = customer();
    await notificationsOf(owner.userId, 1);
    const result = await notifications.run(customer(), USER_NOTIFICATIONS, { id: owner.userId });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect(result.errors?.[0]?.path).toEqual(['_entities', 0, 'notifications']);
    // Null on the field alone: the user (and whatever else the response holds) stands.
    expect(result.data?._entities).toEqual([{ notifications: null }]);
  });

  it('is UNAUTHENTICATED without a caller', async () => {
    const owner = customer();
    const result = await notifications.run(null, USER_NOTIFICATIONS, { id: owner.userId });
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    expect(result.data?._entities).toEqual([{ notifications: null }]);
  });

  it('refuses a page size over 100 with BAD_USER_INPUT', async () => {
    const user = customer();
    const result = await notifications.run(user, USER_NOTIFICATIONS, { id: user.userId, first: 101 });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/^first:/);
  });

  it.each(forgedNewestFirstCursors)(
    'refuses a cursor holding %s with BAD_USER_INPUT, never a server error',
    async (_label, after) => {
      const user = customer();
      await notificationsOf(user.userId, 1);
      const result = await notifications.run(user, USER_NOTIFICATIONS, { id: user.userId, after });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.message).toBe('after: is not a valid cursor');
    },
  );
});

describe('a Notification reference', () => {
  const NOTIFICATION = `query ($id: ID!) {
    _entities(representations: [{ __typename: "Notification", id: $id }]) { ... on Notification { ${NOTIFICATION_FIELDS} } }
  }`;

  it('resolves for its owner and is null for anyone else', async () => {
    const owner = customer();
    const row = await notifications.insert({ userId: owner.userId });
    const own = await notifications.run(owner, NOTIFICATION, { id: row.id });
    expect(own.data?._entities).toEqual([expect.objectContaining({ id: row.id })]);
    for (const caller of [customer(), null]) {
      const other = await notifications.run(caller, NOTIFICATION, { id: row.id });
      expect(other.errors).toBeUndefined();
      expect(other.data?._entities).toEqual([null]);
    }
  });
});
