import type { Caller } from '@agora/subgraph-kit';
import { customer, NOTIFICATION_FIELDS, startNotifications, type NotificationsHarness } from './setup';

let notifications: NotificationsHarness;
beforeAll(async () => {
  notifications = await startNotifications();
});
afterAll(() => notifications.stop());

const USERS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on User { id notifications(first: 5) { totalCount edges { node { ${NOTIFICATION_FIELDS} } } } }
  }
}`;

const NOTIFICATIONS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Notification { ${NOTIFICATION_FIELDS} } }
}`;

/** SQL statements one operation sends, after checking it succeeded. */
async function statements(caller: Caller, query: string, representations: object[]): Promise<number> {
  notifications.service.queries.reset();
  const result = await notifications.run(caller, query, { representations });
  expect(result.errors).toBeUndefined();
  expect(result.data?._entities).toHaveLength(representations.length);
  return notifications.service.queries.count;
}

async function seedUser(count: number): Promise<{ caller: Caller; ids: string[] }> {
  const caller = customer();
  const rows = await Promise.all(Array.from({ length: count }, () => notifications.insert({ userId: caller.userId })));
  return { caller, ids: rows.map((row) => row.id) };
}

describe('batching', () => {
  it('resolves 3 or 30 Notification references in the same number of statements', async () => {
    const { caller, ids } = await seedUser(30);
    const refs = ids.map((id) => ({ __typename: 'Notification', id }));
    const few = await statements(caller, NOTIFICATIONS, refs.slice(0, 3));
    const many = await statements(caller, NOTIFICATIONS, refs);
    expect(many).toBe(few);
    expect(few).toBe(1);
  });

  it('resolves 3 or 30 User references (the gateway repeats them) in the same number of statements', async () => {
    const { caller } = await seedUser(5);
    const ref = { __typename: 'User', id: caller.userId };
    const few = await statements(
      caller,
      USERS,
      Array.from({ length: 3 }, () => ref),
    );
    const many = await statements(
      caller,
      USERS,
      Array.from({ length: 30 }, () => ref),
    );
    expect(many).toBe(few);
    expect(few).toBe(2);
  });

  it('loads the pages and counts of 3 or 30 users in the same number of statements', async () => {
    const users = await Promise.all(Array.from({ length: 30 }, () => seedUser(2)));
    const load = async (count: number) => {
      // The loaders behind User.notifications, as one request for many users would use them.
      const { loaders } = notifications.context(users[0]?.caller);
      notifications.service.queries.reset();
      const pages = await Promise.all(
        users.slice(0, count).map(async ({ caller }) => ({
          page: await loaders.notificationPages.load({ userId: caller.userId, limit: 6, after: null }),
          total: await loaders.notificationCount.load(caller.userId),
        })),
      );
      expect(pages.every(({ page, total }) => page.length === 2 && total === 2)).toBe(true);
      return notifications.service.queries.count;
    };
    const few = await load(3);
    const many = await load(30);
    expect(many).toBe(few);
    expect(few).toBe(2);
  });
});
