import { randomUUID } from 'node:crypto';
import { waitFor } from '@agora/testing';
import { performance } from 'node:perf_hooks';
import { DEADLINE_HEADER, type Caller } from '@agora/subgraph-kit';
import { CARDS } from './fake-ports';
import { startRealServices, type RealServices } from './real-services';
import { checkoutInput } from './setup';

// The real catalog, inventory, payments, cart and orders subgraphs over HTTP. Payments' card
// processor takes PROCESSOR_MS to give up on the never-answering card: far longer than
// the deadline the checkout arrives with.
const PROCESSOR_MS = 2_500;
const DEADLINE_MS = 800;
const CHECKOUT = `mutation ($input: CheckoutInput!) {
  checkout(input: $input) { id status failureCode }
}`;
const ADD_TO_CART = `mutation ($productId: ID!, $quantity: Int!) { addToCart(productId: $productId, quantity: $quantity) { itemCount } }`;

let stack: RealServices;
beforeAll(async () => {
  stack = await startRealServices({ processorTimeoutMs: PROCESSOR_MS });
}, 60_000);
afterAll(() => stack.stop());

describe('checkout when payments is slower than the deadline', () => {
  it('ends the order FAILED with its stock back, and a retry with the same key returns that order', async () => {
    const caller: Caller = { userId: randomUUID(), roles: ['customer'] };
    const productId = await stack.addProduct({ name: 'Slow Lamp', price: 2500, stock: 5 });
    expect((await stack.call('cart', caller, ADD_TO_CART, { productId, quantity: 2 })).errors).toBeUndefined();
    const input = checkoutInput(CARDS.processorTimeout);

    const started = performance.now();
    const first = await stack.call('orders', caller, CHECKOUT, { input }, { [DEADLINE_HEADER]: String(DEADLINE_MS) });
    const took = performance.now() - started;

    // Orders stopped waiting for payments at the deadline (not after payments' own 2.5 s),
    // undid the reservation and failed the order: a defined state, never PENDING.
    expect(first.errors).toBeUndefined();
    expect(first.data?.checkout).toMatchObject({ status: 'FAILED', failureCode: 'PAYMENT_ERROR' });
    expect(took).toBeLessThan(PROCESSOR_MS);
    expect(await stack.availableQuantity(productId)).toBe(5);

    const retry = await stack.call('orders', caller, CHECKOUT, { input });
    expect(retry.errors).toBeUndefined();
    expect(retry.data?.checkout).toEqual(first.data?.checkout);

    // Payments finishes on its own later: the processor gives up and nothing is charged.
    const orderId = (first.data?.checkout as { id: string }).id;
    const payment = await waitFor(() => stack.payment(caller, orderId), { timeoutMs: 10_000 });
    expect(payment.status).toBe('DECLINED');
  });
});
