import {
  ADD_TO_CART,
  availableQuantity,
  CARDS,
  CHECKOUT,
  checkoutInput,
  newShopper,
  productIds,
  setStock,
} from './shopping';
import { startStack, type Stack } from './stack';

const CART = `query { cart { itemCount subtotal { amount currency } items { id quantity unitPrice { amount } lineTotal { amount } product { name } } } }`;
const CART_COUNT = `query { cart { itemCount } }`;
const ORDER = `query ($id: ID!) { order(id: $id) { id status items { productName quantity lineTotal { amount } } total { amount } payment { status } } }`;
const CANCEL = `mutation ($id: ID!) { cancelOrder(id: $id) { id status payment { status } } }`;

let stack: Stack;
let first: string;
let second: string;
beforeAll(async () => {
  stack = await startStack();
  [first, second] = (await productIds(stack, 2)) as [string, string];
  await setStock(stack, first, 10);
  await setStock(stack, second, 10);
});
afterAll(() => stack.stop());

describe('a purchase through the router', () => {
  it('fills a cart, checks out, captures the payment, takes the stock, and cancels with stock and money back', async () => {
    const shopper = await newShopper(stack);
    await stack.request(ADD_TO_CART, { productId: first, quantity: 2 }, shopper);
    await stack.request(ADD_TO_CART, { productId: second, quantity: 1 }, shopper);

    const cart = await stack.request(CART, {}, shopper);
    expect(cart.body.errors).toBeUndefined();
    const { itemCount, subtotal, items } = cart.body.data.cart;
    expect(itemCount).toBe(3);
    const lineTotals = (items as { lineTotal: { amount: number } }[]).map((item) => item.lineTotal.amount);
    expect(subtotal.amount).toBe(lineTotals.reduce((sum, amount) => sum + amount, 0));

    const checkout = await stack.request(CHECKOUT, { input: checkoutInput() }, shopper);
    expect(checkout.body.errors).toBeUndefined();
    const order = checkout.body.data.checkout;
    expect(order).toMatchObject({
      status: 'CONFIRMED',
      total: { amount: subtotal.amount },
      payment: { status: 'CAPTURED', last4: '4242' },
    });
    expect(await availableQuantity(stack, first)).toBe(8);
    expect(await availableQuantity(stack, second)).toBe(9);
    expect((await stack.request(CART_COUNT, {}, shopper)).body.data.cart.itemCount).toBe(0);

    const read = await stack.request(ORDER, { id: order.id }, shopper);
    expect(read.body.data.order.items).toHaveLength(2);

    const cancelled = await stack.request(CANCEL, { id: order.id }, shopper);
    expect(cancelled.body.data.cancelOrder).toEqual({
      id: order.id,
      status: 'CANCELLED',
      payment: { status: 'REFUNDED' },
    });
    expect(await availableQuantity(stack, first)).toBe(10);
  });

  it.each([
    ['declined', CARDS.declined, 'PAYMENT_DECLINED'],
    ['insufficient funds', CARDS.insufficientFunds, 'INSUFFICIENT_FUNDS'],
    ['processor time-out', CARDS.timeout, 'PAYMENT_TIMEOUT'],
  ])('leaves the order FAILED on a %s card, releases the stock and captures nothing', async (_case, card, code) => {
    const shopper = await newShopper(stack);
    const before = await availableQuantity(stack, second);
    await stack.request(ADD_TO_CART, { productId: second, quantity: 1 }, shopper);
    const { body } = await stack.request(CHECKOUT, { input: checkoutInput(card) }, shopper);
    expect(body.data.checkout).toMatchObject({
      status: 'FAILED',
      failureCode: code,
      failureReason: expect.any(String),
    });
    expect(body.data.checkout.payment?.status ?? 'DECLINED').toBe('DECLINED');
    expect(await availableQuantity(stack, second)).toBe(before);
  });

  it('does not let a user read or cancel another user’s order', async () => {
    const owner = await newShopper(stack);
    await stack.request(ADD_TO_CART, { productId: first, quantity: 1 }, owner);
    const { body } = await stack.request(CHECKOUT, { input: checkoutInput() }, owner);
    const stranger = await newShopper(stack);
    const read = await stack.request(ORDER, { id: body.data.checkout.id }, stranger);
    expect(read.body.data.order).toBeNull();
    const cancel = await stack.request(CANCEL, { id: body.data.checkout.id }, stranger);
    expect(cancel.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
