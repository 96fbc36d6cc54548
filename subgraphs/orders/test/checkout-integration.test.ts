import { randomUUID } from 'node:crypto';
import { MAX_MONEY_AMOUNT, serviceCaller, type Caller } from '@agora/subgraph-kit';
import { errorCodes } from '@agora/testing';
import { CARDS } from './fake-ports';
import { startRealServices, type RealServices } from './real-services';
import { checkoutInput } from './setup';

// The real catalog, inventory, payments, cart and orders subgraphs over HTTP, each on its own store.
const CHECKOUT = `mutation ($input: CheckoutInput!) {
  checkout(input: $input) { id status failureCode failureReason total { amount currency } items { productName quantity } }
}`;
const ADD_TO_CART = `mutation ($productId: ID!, $quantity: Int!) { addToCart(productId: $productId, quantity: $quantity) { itemCount } }`;
const CART = `query { cart { itemCount } }`;
const ADD_TO_CART_ITEMS = `mutation ($productId: ID!, $quantity: Int!) {
  addToCart(productId: $productId, quantity: $quantity) { items { id product { id } } }
}`;
const REMOVE_FROM_CART = `mutation ($itemId: ID!) { removeFromCart(itemId: $itemId) { itemCount } }`;
const BEGIN_CHECKOUT = `mutation ($userId: ID!, $checkoutKey: String!, $ttlSeconds: Int!) {
  beginCheckout(userId: $userId, checkoutKey: $checkoutKey, ttlSeconds: $ttlSeconds) { id }
}`;
const RELEASE_CHECKOUT = `mutation ($userId: ID!, $checkoutKey: String!) { releaseCheckout(userId: $userId, checkoutKey: $checkoutKey) { id } }`;
const USER_ORDERS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { orders { totalCount } } } }`;
const CANCEL = `mutation ($id: ID!) { cancelOrder(id: $id) { id status } }`;

let stack: RealServices;
beforeAll(async () => {
  stack = await startRealServices();
}, 60_000);
afterAll(() => stack.stop());

const shopper = (): Caller => ({ userId: randomUUID(), roles: ['customer'] });

/** A shopper with `quantity` units of a new product (priced 1500, `stock` units on hand) in their cart. */
async function shopperWithCart(quantity: number, stock = 10) {
  const caller = shopper();
  const productId = await stack.addProduct({ name: 'Walnut Board', price: 1500, stock });
  const added = await stack.call('cart', caller, ADD_TO_CART, { productId, quantity });
  expect(added.errors).toBeUndefined();
  return { caller, productId };
}

async function checkout(caller: Caller, input = checkoutInput()) {
  return stack.call('orders', caller, CHECKOUT, { input });
}

async function orderCount(caller: Caller): Promise<{ totalCount: number }> {
  const result = await stack.call('orders', caller, USER_ORDERS, { r: [{ __typename: 'User', id: caller.userId }] });
  return result.data?._entities[0].orders;
}

describe('checkout across the real services', () => {
  it('confirms the order, takes the stock, captures the payment and empties the cart', async () => {
    const { caller, productId } = await shopperWithCart(3);
    const result = await checkout(caller);
    expect(result.errors).toBeUndefined();
    const order = result.data?.checkout;
    expect(order).toMatchObject({
      status: 'CONFIRMED',
      failureCode: null,
      total: { amount: 4500, currency: 'EUR' },
      items: [{ productName: 'Walnut Board', quantity: 3 }],
    });
    expect(await stack.availableQuantity(productId)).toBe(7);
    expect(await stack.payment(caller, order.id)).toEqual({ status: 'CAPTURED', amount: { amount: 4500 } });
    expect((await stack.call('cart', caller, CART)).data?.cart.itemCount).toBe(0);
  });

  it.each([
    [CARDS.declined, 'PAYMENT_DECLINED'],
    [CARDS.insufficientFunds, 'INSUFFICIENT_FUNDS'],
    [CARDS.processorTimeout, 'PAYMENT_TIMEOUT'],
  ])('leaves the order FAILED, the stock back and nothing captured for card %s (%s)', async (card, code) => {
    const { caller, productId } = await shopperWithCart(2);
    const result = await checkout(caller, checkoutInput(card));
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkout).toMatchObject({ status: 'FAILED', failureCode: code });
    expect(await stack.availableQuantity(productId)).toBe(10);
    expect((await stack.payment(caller, result.data?.checkout.id))?.status).not.toBe('CAPTURED');
    // The cart stays as it was, ready for another card.
    expect((await stack.call('cart', caller, CART)).data?.cart.itemCount).toBe(2);
  });

  it('fails OUT_OF_STOCK when the stock went since the cart was filled', async () => {
    const { caller, productId } = await shopperWithCart(4);
    await stack.setStock(productId, 1);
    const result = await checkout(caller);
    expect(result.data?.checkout).toMatchObject({ status: 'FAILED', failureCode: 'OUT_OF_STOCK' });
    expect(result.data?.checkout.failureReason).toContain(productId);
    expect(await stack.availableQuantity(productId)).toBe(1);
    expect(await stack.payment(caller, result.data?.checkout.id)).toBeNull();
  });

  it('places and captures a cart worth exactly the money bound every service shares', async () => {
    const caller = shopper();
    const productId = await stack.addProduct({ name: 'Grand Piano', price: MAX_MONEY_AMOUNT / 4, stock: 4 });
    expect((await stack.call('cart', caller, ADD_TO_CART, { productId, quantity: 4 })).errors).toBeUndefined();
    const result = await checkout(caller);
    expect(result.errors).toBeUndefined();
    const order = result.data?.checkout;
    expect(order).toMatchObject({ status: 'CONFIRMED', total: { amount: MAX_MONEY_AMOUNT, currency: 'EUR' } });
    expect(await stack.payment(caller, order.id)).toEqual({ status: 'CAPTURED', amount: { amount: MAX_MONEY_AMOUNT } });
  });

  it('places a free order: payments takes an amount of 0 as the cart does', async () => {
    const caller = shopper();
    const productId = await stack.addProduct({ name: 'Sample Sachet', price: 0, stock: 4 });
    await stack.call('cart', caller, ADD_TO_CART, { productId, quantity: 2 });
    const order = (await checkout(caller)).data?.checkout;
    expect(order).toMatchObject({ status: 'CONFIRMED', total: { amount: 0 } });
    expect(await stack.payment(caller, order.id)).toEqual({ status: 'CAPTURED', amount: { amount: 0 } });
  });

  it('refuses a cart holding a product removed from sale, naming its line, and places it once the line is gone', async () => {
    const { caller, productId } = await shopperWithCart(1);
    const gone = await stack.addProduct({ name: 'Brass Kettle', price: 2500, stock: 5 });
    const added = await stack.call('cart', caller, ADD_TO_CART_ITEMS, { productId: gone, quantity: 1 });
    const line = (added.data?.addToCart.items as { id: string; product: { id: string } }[]).find(
      (item) => item.product.id === gone,
    );
    await stack.deleteProduct(gone);

    const refused = await checkout(caller);
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors?.[0]?.extensions?.field).toBe(`cart.items.${line?.id}`);
    expect(refused.errors?.[0]?.message).toBe(
      `cart.items.${line?.id}: Brass Kettle is no longer sold: remove it from your cart.`,
    );
    expect(await stack.availableQuantity(productId)).toBe(10);

    await stack.call('cart', caller, REMOVE_FROM_CART, { itemId: line?.id });
    expect((await checkout(caller)).data?.checkout).toMatchObject({
      status: 'CONFIRMED',
      items: [{ productName: 'Walnut Board', quantity: 1 }],
    });
  });

  it('refuses with CONFLICT while another checkout holds the cart, writing nothing, and goes through once it is let go', async () => {
    const { caller, productId } = await shopperWithCart(2);
    const other = { userId: caller.userId, checkoutKey: 'another-checkout', ttlSeconds: 60 };
    const locked = await stack.call('cart', serviceCaller('orders'), BEGIN_CHECKOUT, other);
    expect(locked.errors).toBeUndefined();

    const refused = await checkout(caller);
    expect(errorCodes(refused)).toEqual(['CONFLICT']);
    expect(refused.errors?.[0]?.message).toBe('cart: a checkout of this cart is in progress');
    expect(await stack.availableQuantity(productId)).toBe(10);
    expect((await orderCount(caller)).totalCount).toBe(0);

    await stack.call('cart', serviceCaller('orders'), RELEASE_CHECKOUT, other);
    expect((await checkout(caller)).data?.checkout.status).toBe('CONFIRMED');
  });

  it('refuses an empty cart with BAD_USER_INPUT', async () => {
    const result = await checkout(shopper());
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toBe('cart is empty');
  });
});

describe('checkout retries across the real services', () => {
  it('makes one order and one payment from the same checkout sent twice at once', async () => {
    const { caller, productId } = await shopperWithCart(2);
    const input = checkoutInput();
    const paymentsBefore = await stack.paymentCount();
    const [a, b] = await Promise.all([checkout(caller, input), checkout(caller, input)]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(b.data?.checkout.id).toBe(a.data?.checkout.id);
    expect(a.data?.checkout.status).toBe('CONFIRMED');
    expect(b.data?.checkout.status).toBe('CONFIRMED');
    const orders = await stack.call('orders', caller, USER_ORDERS, { r: [{ __typename: 'User', id: caller.userId }] });
    expect(orders.data?._entities[0].orders.totalCount).toBe(1);
    expect(await stack.paymentCount()).toBe(paymentsBefore + 1);
    expect(await stack.availableQuantity(productId)).toBe(8);
    expect(await stack.payment(caller, a.data?.checkout.id)).toEqual({ status: 'CAPTURED', amount: { amount: 3000 } });
  });

  it('refuses the same key for a different checkout with CONFLICT', async () => {
    const { caller } = await shopperWithCart(1);
    const input = checkoutInput();
    expect((await checkout(caller, input)).data?.checkout.status).toBe('CONFIRMED');
    const otherAddress = { ...input, shippingAddress: { ...input.shippingAddress, postalCode: '20095' } };
    const result = await checkout(caller, otherAddress);
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect(result.errors?.[0]?.message).toBe('idempotencyKey: already used for a different checkout');
  });

  it('cancels a confirmed order: the stock comes back and the payment is refunded', async () => {
    const { caller, productId } = await shopperWithCart(3);
    const order = (await checkout(caller)).data?.checkout;
    expect(order.status).toBe('CONFIRMED');
    expect(await stack.availableQuantity(productId)).toBe(7);

    const result = await stack.call('orders', caller, CANCEL, { id: order.id });
    expect(result.data?.cancelOrder).toEqual({ id: order.id, status: 'CANCELLED' });
    expect(await stack.availableQuantity(productId)).toBe(10);
    expect((await stack.payment(caller, order.id))?.status).toBe('REFUNDED');
  });
});
