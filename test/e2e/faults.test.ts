import { type DelayingProxy, delayingProxy, waitFor } from '@agora/testing';
import { ADD_TO_CART, availableQuantity, CHECKOUT, checkoutInput, newShopper, productIds, setStock } from './shopping';
import { startStack, type Stack } from './stack';

// The router gives each request REQUEST_TIMEOUT_MS; payments, behind a proxy, answers
// SLOW_MS later than it works: longer than the whole request may take.
const REQUEST_TIMEOUT_MS = 1_500;
const SLOW_MS = 2_500;

interface CheckedOut {
  id: string;
  status: string;
  failureCode: string | null;
  payment: { status: string } | null;
}

let stack: Stack;
let payments: DelayingProxy;
beforeAll(async () => {
  payments = await delayingProxy();
  stack = await startStack({
    env: { orders: { PAYMENTS_URL: `${payments.origin}/graphql` } },
    routerEnv: { REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) },
  });
  payments.target = new URL(stack.subgraphs.payments.running.url).origin;
}, 60_000);
afterAll(async () => {
  await stack?.stop();
  await payments?.close();
});

describe('faults during checkout', () => {
  it('ends the order in a defined state when payments is slower than the deadline; the retry with the same key returns it', async () => {
    const [productId] = (await productIds(stack, 1)) as [string];
    await setStock(stack, productId, 4);
    const shopper = await newShopper(stack);
    expect((await stack.request(ADD_TO_CART, { productId, quantity: 2 }, shopper)).body.errors).toBeUndefined();
    const input = checkoutInput();
    payments.delayMs = SLOW_MS;

    const started = performance.now();
    const first = await stack.request(CHECKOUT, { input }, shopper);
    const took = performance.now() - started;

    // The router answers at its deadline (5x generous), not after payments' answer or orders' 15 s.
    expect(took).toBeLessThan(REQUEST_TIMEOUT_MS * 5);
    expect(first.body.errors?.map((error) => error.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);

    // The client retries with the same key until the checkout has settled: the saga gave up on
    // payments at the deadline, voided what payments authorized meanwhile and failed the order.
    payments.delayMs = 0;
    const order = await waitFor(
      async () => {
        const retry = await stack.request(CHECKOUT, { input }, shopper);
        const checkedOut = retry.body.data?.checkout as CheckedOut | undefined;
        return checkedOut && checkedOut.status !== 'PENDING' ? checkedOut : null;
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    );
    expect(order).toMatchObject({ status: 'FAILED', failureCode: 'PAYMENT_ERROR', payment: { status: 'VOIDED' } });
    expect(await availableQuantity(stack, productId)).toBe(4);

    const again = await stack.request(CHECKOUT, { input }, shopper);
    expect((again.body.data?.checkout as CheckedOut).id).toBe(order.id);
  }, 60_000);
});
