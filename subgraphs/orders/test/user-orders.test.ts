import { errorCodes, execute, forgedNewestFirstCursors, type OperationResult } from '@agora/testing';
import { fakeServices } from './fake-ports';
import { admin, newCustomer, startOrders, type OrdersHarness } from './setup';

const USER_ORDERS = `query ($representations: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $representations) {
    ... on User {
      orders(first: $first, after: $after) {
        edges { cursor node { id status items { id productName quantity lineTotal { amount } } } }
        pageInfo { hasNextPage endCursor }
        totalCount
      }
    }
  }
}`;

let orders: OrdersHarness;
beforeAll(async () => {
  orders = await startOrders(fakeServices().ports);
});
afterAll(() => orders.stop());

const userRef = (id: string) => [{ __typename: 'User', id }];

describe('User.orders', () => {
  it('lists the user’s orders newest first and pages on without gaps or repeats', async () => {
    const customer = newCustomer();
    const base = Date.UTC(2026, 0, 1);
    // Pairs share a timestamp, so the id has to break ties in the cursor.
    const inserted = [];
    for (let i = 0; i < 7; i++) {
      inserted.push(
        await orders.insertOrder({ userId: customer.userId, createdAt: new Date(base + Math.floor(i / 2) * 1000) }),
      );
    }
    await orders.insertOrder({ userId: newCustomer().userId });

    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const result: OperationResult<any> = await execute(orders.server, orders.context(customer), USER_ORDERS, {
        representations: userRef(customer.userId),
        first: 3,
        after,
      });
      expect(result.errors).toBeUndefined();
      const connection: {
        edges: { node: { id: string } }[];
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      } = result.data?._entities[0].orders;
      expect(connection.totalCount).toBe(7);
      seen.push(...connection.edges.map((edge: { node: { id: string } }) => edge.node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    const newestFirst = [...inserted]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id))
      .map((order) => order.id);
    expect(seen).toEqual(newestFirst);
  });

  it('lets only the user themself read their orders (FORBIDDEN for others, admins included)', async () => {
    const customer = newCustomer();
    for (const reader of [newCustomer(), admin]) {
      const result = await execute(orders.server, orders.context(reader), USER_ORDERS, {
        representations: userRef(customer.userId),
      });
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      expect(result.errors?.[0]?.path).toEqual(['_entities', 0, 'orders']);
      // Null on the field alone: the user (and whatever else the response holds) stands.
      expect(result.data?._entities).toEqual([{ orders: null }]);
    }
    const anonymous = await execute(orders.server, orders.context(null), USER_ORDERS, {
      representations: userRef(customer.userId),
    });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    expect(anonymous.data?._entities).toEqual([{ orders: null }]);
  });

  it.each(forgedNewestFirstCursors)(
    'refuses a cursor holding %s with BAD_USER_INPUT, never a server error',
    async (_label, after) => {
      const customer = newCustomer();
      await orders.insertOrder({ userId: customer.userId });
      const result = await execute(orders.server, orders.context(customer), USER_ORDERS, {
        representations: userRef(customer.userId),
        after,
      });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.message).toBe('after: is not a valid cursor');
    },
  );

  it('reads 30 orders with their lines in as many SQL statements as 3', async () => {
    const statementsFor = async (count: number) => {
      const customer = newCustomer();
      for (let i = 0; i < count; i++) {
        await orders.insertOrder({ userId: customer.userId }, [
          { productName: 'A' },
          { productName: 'B', quantity: 2 },
        ]);
      }
      orders.queries.reset();
      const result = await execute(orders.server, orders.context(customer), USER_ORDERS, {
        representations: userRef(customer.userId),
        first: 50,
      });
      expect(result.errors).toBeUndefined();
      const edges = result.data?._entities[0].orders.edges;
      expect(edges).toHaveLength(count);
      for (const edge of edges)
        expect(edge.node.items.map((item: { quantity: number }) => item.quantity)).toEqual([1, 2]);
      return orders.queries.count;
    };
    const forThree = await statementsFor(3);
    expect(await statementsFor(30)).toBe(forThree);
    // The page, the count, and the lines of every order on it.
    expect(forThree).toBe(3);
  });
});
