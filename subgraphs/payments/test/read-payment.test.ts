import { errorCodes, execute } from '@agora/testing';
import { admin, alice, bob, newOrderId, ordersService, startPayments, type PaymentsHarness } from './setup';

const ORDER_PAYMENTS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Order { id payment { id status amount { amount currency } last4 brand } }
  }
}`;

const PAYMENTS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Payment { id status } }
}`;

let payments: PaymentsHarness;
beforeAll(async () => {
  payments = await startPayments();
});
afterAll(() => payments.stop());

const orderRefs = (ids: string[]) => ids.map((id) => ({ __typename: 'Order', id }));

describe('Order.payment', () => {
  it('reads the payments of any number of orders with the same number of SQL statements', async () => {
    const orderIds = Array.from({ length: 50 }, () => newOrderId());
    await payments.insert(orderIds.map((orderId, i) => ({ orderId, amount: 100 + i })));

    const statementsFor = async (count: number) => {
      payments.queries.reset();
      const result = await execute(payments.server, payments.context(alice), ORDER_PAYMENTS, {
        representations: orderRefs(orderIds.slice(0, count)),
      });
      expect(result.errors).toBeUndefined();
      const orders = result.data?._entities ?? [];
      expect(orders).toHaveLength(count);
      orders.forEach((order: { payment: { amount: { amount: number } } }, i: number) =>
        expect(order.payment.amount.amount).toBe(100 + i),
      );
      return payments.queries.count;
    };

    const forFive = await statementsFor(5);
    const forFifty = await statementsFor(50);
    expect(forFifty).toBe(forFive);
    expect(forFifty).toBe(1);
  });

  it('is null for an order without payment', async () => {
    const result = await payments.run(ORDER_PAYMENTS, { representations: orderRefs([newOrderId()]) }, alice);
    expect(result.data?._entities).toEqual([{ id: expect.any(String), payment: null }]);
  });

  it("is null for another customer's order, and readable by its customer, admins and services", async () => {
    const orderId = newOrderId();
    await payments.insert([{ orderId, userId: alice.userId }]);
    const as = async (caller: typeof alice) =>
      (await payments.run(ORDER_PAYMENTS, { representations: orderRefs([orderId]) }, caller)).data?._entities[0]
        .payment;
    expect(await as(bob)).toBeNull();
    expect(await as(alice)).toMatchObject({ status: 'AUTHORIZED', last4: '4242' });
    expect(await as(admin)).not.toBeNull();
    expect(await as(ordersService)).not.toBeNull();
  });

  it('refuses anonymous callers', async () => {
    const orderId = newOrderId();
    await payments.insert([{ orderId }]);
    const result = await payments.run(ORDER_PAYMENTS, { representations: orderRefs([orderId]) }, null);
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('Payment entity', () => {
  it("resolves a payment by id for its customer and not for another's", async () => {
    const orderId = newOrderId();
    await payments.insert([{ orderId, userId: alice.userId }]);
    const id = (await payments.stored(orderId))?.id;
    const representations = [{ __typename: 'Payment', id }];
    expect((await payments.run(PAYMENTS, { representations }, alice)).data?._entities).toEqual([
      { id, status: 'AUTHORIZED' },
    ]);
    expect((await payments.run(PAYMENTS, { representations }, bob)).data?._entities).toEqual([null]);
  });
});
