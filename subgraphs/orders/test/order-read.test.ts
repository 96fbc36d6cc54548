import { randomUUID } from 'node:crypto';
import { serviceCaller } from '@agora/subgraph-kit';
import { errorCodes, execute } from '@agora/testing';
import { fakeServices } from './fake-ports';
import { admin, newCustomer, startOrders, type OrdersHarness } from './setup';

const ORDER = `query ($id: ID!) { order(id: $id) { id status total { amount currency } items { productName } } }`;
const ORDERS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Order { id status } }
}`;

let orders: OrdersHarness;
beforeAll(async () => {
  orders = await startOrders(fakeServices().ports);
});
afterAll(() => orders.stop());

describe('Query.order', () => {
  it('shows the owner their order and an admin anyone’s', async () => {
    const owner = newCustomer();
    const order = await orders.insertOrder({ userId: owner.userId, totalAmount: 2500 }, [{ productName: 'Kettle' }]);
    for (const reader of [owner, admin]) {
      const result = await execute(orders.server, orders.context(reader), ORDER, { id: order.id });
      expect(result.data?.order).toEqual({
        id: order.id,
        status: 'CONFIRMED',
        total: { amount: 2500, currency: 'EUR' },
        items: [{ productName: 'Kettle' }],
      });
    }
  });

  it('answers null for another user’s order, exactly as for an unknown or malformed id', async () => {
    const order = await orders.insertOrder({ userId: newCustomer().userId });
    for (const id of [order.id, randomUUID(), 'not-an-id']) {
      const result = await execute(orders.server, orders.context(newCustomer()), ORDER, { id });
      expect(result).toEqual({ data: { order: null } });
    }
  });

  it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
    const result = await execute(orders.server, orders.context(null), ORDER, { id: randomUUID() });
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('Order references', () => {
  it('resolves many orders in one query, hiding other users’ orders', async () => {
    const owner = newCustomer();
    const mine = await orders.insertOrder({ userId: owner.userId });
    const theirs = await orders.insertOrder({ userId: newCustomer().userId });
    const representations = [mine.id, theirs.id, randomUUID(), mine.id].map((id) => ({ __typename: 'Order', id }));

    orders.queries.reset();
    const result = await execute(orders.server, orders.context(owner), ORDERS, { representations });
    expect(result.data?._entities.map((o: { id: string } | null) => o?.id ?? null)).toEqual([
      mine.id,
      null,
      null,
      mine.id,
    ]);
    expect(orders.queries.count).toBe(1);

    const asService = await execute(orders.server, orders.context(serviceCaller('payments')), ORDERS, {
      representations,
    });
    expect(asService.data?._entities.map((o: { id: string } | null) => o?.id ?? null)).toEqual([
      mine.id,
      theirs.id,
      null,
      mine.id,
    ]);
  });
});
