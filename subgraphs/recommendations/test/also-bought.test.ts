import {
  customer,
  ids,
  placeOrder,
  recommendationsFor,
  startRecommendations,
  type RecommendationsHarness,
} from './setup';

let harness: RecommendationsHarness;
beforeAll(async () => {
  harness = await startRecommendations();
});
afterAll(() => harness.stop());

describe('customers who bought this also bought', () => {
  it('ranks the product bought together most often first', async () => {
    const [a, b, c] = ids('also', 3) as [string, string, string];
    const { userId } = customer();
    await placeOrder(harness, userId, [a, b]);
    await placeOrder(harness, userId, [a, c]);
    await placeOrder(harness, userId, [a, c]);

    expect(await recommendationsFor(harness, a, 2)).toEqual([c, b]);
    // Both directions are kept: A is what B's and C's buyers also bought.
    expect(await recommendationsFor(harness, c, 1)).toEqual([a]);
  });

  it('counts a redelivered OrderPlaced (same event id) once', async () => {
    const [a, b, c] = ids('dup', 3) as [string, string, string];
    const { userId } = customer();
    const twice = await placeOrder(harness, userId, [a, b]);
    await harness.redeliver(twice);
    await harness.redeliver(twice);
    await placeOrder(harness, userId, [a, c]);
    await placeOrder(harness, userId, [a, c]);

    // Had the duplicates counted, A+B (3 orders) would outrank A+C (2).
    expect(await recommendationsFor(harness, a, 2)).toEqual([c, b]);
  });

  it('takes back what a cancelled order contributed', async () => {
    const [a, b, c] = ids('cancel', 3) as [string, string, string];
    const { userId } = customer();
    await placeOrder(harness, userId, [a, b]);
    const big = await placeOrder(harness, userId, [a, c]);
    await placeOrder(harness, userId, [a, c]);
    expect(await recommendationsFor(harness, a, 2)).toEqual([c, b]);

    await harness.publish('OrderCancelled', { orderId: big.payload.orderId, userId, reason: 'customer request' });
    // A tie now (one order each): the ids break it.
    expect(await recommendationsFor(harness, a, 2)).toEqual([b, c]);
  });

  it('applies a cancellation once when it is delivered twice', async () => {
    const [a, b, c] = ids('cancel-twice', 3) as [string, string, string];
    const { userId } = customer();
    const first = await placeOrder(harness, userId, [a, b]);
    await placeOrder(harness, userId, [a, b]);
    await placeOrder(harness, userId, [a, c]);
    const cancelled = await harness.publish('OrderCancelled', { orderId: first.payload.orderId, userId, reason: 'x' });
    await harness.redeliver(cancelled);

    // A+B is still in one order: subtracted twice it would be gone, and C would lead.
    expect(await recommendationsFor(harness, a, 2)).toEqual([b, c]);
  });

  it('adds nothing for an order whose cancellation was handled first', async () => {
    const [a, b] = ids('late', 2) as [string, string];
    const { userId } = customer();
    const orderId = `order-${a}`;
    await harness.publish('OrderCancelled', { orderId, userId, reason: 'payment failed' });
    await harness.publish('OrderPlaced', {
      orderId,
      userId,
      items: [a, b].map((productId) => ({ productId, quantity: 1, unitPrice: { amount: 100, currency: 'USD' } })),
      total: { amount: 200, currency: 'USD' },
    });

    expect(await recommendationsFor(harness, a, 20)).not.toContain(b);
  });

  it('never recommends a product the catalog deleted', async () => {
    const [a, b, c] = ids('deleted', 3) as [string, string, string];
    const { userId } = customer();
    await placeOrder(harness, userId, [a, b, c]);
    await placeOrder(harness, userId, [a, b]);
    await harness.publish('ProductDeleted', { productId: b });

    const recommended = await recommendationsFor(harness, a, 20);
    expect(recommended[0]).toBe(c);
    expect(recommended).not.toContain(b);
  });
});
