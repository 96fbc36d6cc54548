import { randomUUID } from 'node:crypto';
import type { Caller } from '@agora/subgraph-kit';
import { CARDS } from './fake-ports';
import { startRealServices, type RealServices } from './real-services';
import { checkoutInput } from './setup';

const CHECKOUT = `mutation Checkout($input: CheckoutInput!) { checkout(input: $input) { id status failureCode } }`;
const ADD_TO_CART = `mutation ($productId: ID!, $quantity: Int!) { addToCart(productId: $productId, quantity: $quantity) { itemCount } }`;
const CHECKOUTS = 'agora_checkouts_total';

let stack: RealServices;
beforeAll(async () => {
  stack = await startRealServices();
}, 60_000);
afterAll(() => stack.stop());

/** A new shopper with one unit of a new product in their cart. */
async function shopperWithCart(): Promise<Caller> {
  const caller: Caller = { userId: randomUUID(), roles: ['customer'] };
  const productId = await stack.addProduct({ name: 'Metric Mug', price: 900, stock: 5 });
  expect((await stack.call('cart', caller, ADD_TO_CART, { productId, quantity: 1 })).errors).toBeUndefined();
  return caller;
}

describe('the checkout and outbox metrics on /metrics', () => {
  it('count each checkout once by outcome and failure code, and show the events waiting in the outboxes', async () => {
    const before = await stack.metrics('orders');
    const confirmed = checkoutInput(CARDS.approves);
    const buyer = await shopperWithCart();
    const first = await stack.call('orders', buyer, CHECKOUT, { input: confirmed });
    expect(first.data?.checkout.status).toBe('CONFIRMED');
    // The same request again answers the same order: no second checkout.
    expect((await stack.call('orders', buyer, CHECKOUT, { input: confirmed })).data?.checkout.id).toBe(
      first.data?.checkout.id,
    );
    const declined = await stack.call('orders', await shopperWithCart(), CHECKOUT, {
      input: checkoutInput(CARDS.declined),
    });
    expect(declined.data?.checkout.failureCode).toBe('PAYMENT_DECLINED');

    const after = await stack.metrics('orders');
    const counted = (labels: Record<string, string>): number =>
      after.sum(CHECKOUTS, labels) - before.sum(CHECKOUTS, labels);
    expect(counted({ outcome: 'confirmed', failure_code: 'none' })).toBe(1);
    expect(counted({ outcome: 'failed', failure_code: 'PAYMENT_DECLINED' })).toBe(1);
    expect(counted({})).toBe(2);
    expect(after.sum('agora_graphql_request_duration_seconds_count', { operation: 'Checkout', outcome: 'ok' })).toBe(3);

    // No relay runs in this stack: the orders' and the payment's events wait in their outboxes.
    expect(after.sum('agora_outbox_unpublished_events', { service: 'orders' })).toBeGreaterThan(0);
    expect(after.sum('agora_outbox_oldest_unpublished_age_seconds', { service: 'orders' })).toBeGreaterThanOrEqual(0);
    const payments = await stack.metrics('payments');
    expect(payments.sum('agora_outbox_unpublished_events', { service: 'payments' })).toBeGreaterThan(0);
    // One payment authorized and captured, one declined (the stack's own set-up makes none).
    expect(payments.sum('agora_payments_total', { status: 'AUTHORIZED' })).toBe(1);
    expect(payments.sum('agora_payments_total', { status: 'CAPTURED' })).toBe(1);
    expect(payments.sum('agora_payments_total', { status: 'DECLINED' })).toBe(1);
    expect(payments.labelValues('agora_db_pool_clients_idle', 'service')).toEqual(['payments']);
  });
});
