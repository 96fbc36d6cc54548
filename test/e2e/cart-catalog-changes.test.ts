import { adminHeaders, CHECKOUT, checkoutInput, createProduct, expectData, newShopper, setPrice } from './shopping';
import { startStack, type Stack } from './stack';

// The catalog changes under a cart: every line stays visible and removable; checkout names the one in the way.
const ADD = `mutation ($productId: ID!, $quantity: Int!) { addToCart(productId: $productId, quantity: $quantity) { itemCount } }`;
const REMOVE = `mutation ($itemId: ID!) { removeFromCart(itemId: $itemId) { itemCount } }`;
const CART = `{ cart { itemCount subtotal { amount currency }
  items { id quantity product { id name } unitPrice { amount currency } lineTotal { amount } available unavailableReason unavailableMessage } } }`;
const ORDERS = `select count(*)::int as n from orders`;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 60_000);
afterAll(() => stack.stop());

type Item = { id: string; product: { id: string }; available: boolean; unavailableReason: string | null };

/** A shopper with one unit each of a new 1500 USD mug and of `product`, in that order. */
async function cartWith(product: { name: string; price: number }) {
  const mug = await createProduct(stack, { name: 'Enamel Mug', price: 1500, stock: 10 });
  const other = await createProduct(stack, { ...product, stock: 10 });
  const shopper = await newShopper(stack);
  await expectData(stack, ADD, { productId: mug, quantity: 1 }, shopper);
  await expectData(stack, ADD, { productId: other, quantity: 2 }, shopper);
  return { shopper, mug, other };
}

async function cartOf(shopper: Record<string, string>) {
  const { body } = await stack.request(CART, {}, shopper);
  expect(body.errors).toBeUndefined();
  return body.data.cart as { itemCount: number; subtotal: { amount: number }; items: Item[] };
}

async function orderCount(): Promise<number> {
  return (await stack.orders.db.pool.query<{ n: number }>(ORDERS)).rows[0]?.n ?? 0;
}

/** Checkout is refused naming the line; then, with the line removed, it goes through for `total` USD minor units. */
async function expectCheckoutBlockedBy(shopper: Record<string, string>, item: Item, message: RegExp, total = 1500) {
  const before = await orderCount();
  const refused = await stack.request(CHECKOUT, { input: checkoutInput() }, shopper);
  expect(refused.body.errors?.[0]?.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    field: `cart.items.${item.id}`,
  });
  expect(refused.body.errors?.[0]?.message).toMatch(message);
  expect(await orderCount()).toBe(before);

  await expectData(stack, REMOVE, { itemId: item.id }, shopper);
  const placed = await stack.request(CHECKOUT, { input: checkoutInput() }, shopper);
  expect(placed.body.errors).toBeUndefined();
  expect(placed.body.data.checkout).toMatchObject({
    status: 'CONFIRMED',
    total: { amount: total, currency: 'USD' },
    payment: { status: 'CAPTURED', amount: { amount: total } },
  });
}

describe('a cart whose products the catalog changed', () => {
  it('shows a product repriced in EUR as unavailable instead of failing the whole cart', async () => {
    const { shopper, other } = await cartWith({ name: 'Linen Apron', price: 2000 });
    await setPrice(stack, other, 1800, 'EUR');

    const cart = await cartOf(shopper);
    expect(cart).toMatchObject({ itemCount: 1, subtotal: { amount: 1500, currency: 'USD' } });
    const apron = cart.items[1] as Item;
    expect(apron).toMatchObject({
      product: { id: other, name: 'Linen Apron' },
      unitPrice: { amount: 1800, currency: 'EUR' },
      available: false,
      unavailableReason: 'CURRENCY_MISMATCH',
      unavailableMessage: 'Linen Apron is now priced in EUR; your cart is in USD: remove it to check out.',
    });
    await expectCheckoutBlockedBy(shopper, apron, /: Linen Apron is now priced in EUR; your cart is in USD: remove it/);
  });

  it('marks the repriced product, not the newer line, when the oldest line is the one repriced', async () => {
    const { shopper, mug, other } = await cartWith({ name: 'Oak Tray', price: 2000 });
    await setPrice(stack, mug, 100, 'EUR');

    const cart = await cartOf(shopper);
    expect(cart).toMatchObject({ itemCount: 2, subtotal: { amount: 4000, currency: 'USD' } });
    const [mugLine, trayLine] = cart.items as [Item, Item];
    expect(mugLine).toMatchObject({
      product: { id: mug },
      unavailableReason: 'CURRENCY_MISMATCH',
      unavailableMessage: 'Enamel Mug is now priced in EUR; your cart is in USD: remove it to check out.',
    });
    expect(trayLine).toMatchObject({ product: { id: other }, available: true });
    // The cart is still in dollars: more of the tray is welcome.
    await expectData(stack, ADD, { productId: other, quantity: 1 }, shopper);
    await expectCheckoutBlockedBy(shopper, mugLine, /: Enamel Mug is now priced in EUR; your cart is in USD/, 6000);
  });

  it('never charges a lone line in the currency the catalog moved it to; emptied, the cart takes the new one', async () => {
    const kettle = await createProduct(stack, { name: 'Copper Kettle', price: 3898, stock: 10 });
    const shopper = await newShopper(stack);
    await expectData(stack, ADD, { productId: kettle, quantity: 1 }, shopper);
    await setPrice(stack, kettle, 200, 'EUR');

    const cart = await cartOf(shopper);
    expect(cart).toMatchObject({ itemCount: 0, subtotal: { amount: 0, currency: 'USD' } });
    const line = cart.items[0] as Item;
    expect(line).toMatchObject({ available: false, unavailableReason: 'CURRENCY_MISMATCH' });
    const before = await orderCount();
    const refused = await stack.request(CHECKOUT, { input: checkoutInput() }, shopper);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: `cart.items.${line.id}`,
    });
    expect(await orderCount()).toBe(before);

    // The shopper removes it and puts it back in, now choosing euros.
    await expectData(stack, REMOVE, { itemId: line.id }, shopper);
    await expectData(stack, ADD, { productId: kettle, quantity: 1 }, shopper);
    expect(await cartOf(shopper)).toMatchObject({ itemCount: 1, subtotal: { amount: 200, currency: 'EUR' } });
    const placed = await stack.request(CHECKOUT, { input: checkoutInput() }, shopper);
    expect(placed.body.errors).toBeUndefined();
    expect(placed.body.data.checkout).toMatchObject({ status: 'CONFIRMED', total: { amount: 200, currency: 'EUR' } });
  });

  it('shows a product removed from sale as unavailable, and refuses adding it again', async () => {
    const { shopper, other } = await cartWith({ name: 'Copper Ladle', price: 900 });
    await expectData(stack, `mutation ($id: ID!) { deleteProduct(id: $id) }`, { id: other }, await adminHeaders(stack));

    const cart = await cartOf(shopper);
    const ladle = cart.items[1] as Item;
    expect(ladle).toMatchObject({
      product: { id: other, name: 'Copper Ladle' },
      quantity: 2,
      unitPrice: null,
      lineTotal: null,
      available: false,
      unavailableReason: 'PRODUCT_REMOVED',
    });
    const again = await stack.request(ADD, { productId: other, quantity: 1 }, shopper);
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'productId' });
    await expectCheckoutBlockedBy(shopper, ladle, /: Copper Ladle is no longer sold: remove it from your cart\.$/);
  });

  it('shows a product repriced over the money bound as unavailable, the subtotal staying within it', async () => {
    const { shopper, other } = await cartWith({ name: 'Marble Bust', price: 40_000_000 });
    await setPrice(stack, other, 60_000_000);

    const cart = await cartOf(shopper);
    expect(cart).toMatchObject({ itemCount: 1, subtotal: { amount: 1500 } });
    const bust = cart.items[1] as Item;
    expect(bust).toMatchObject({ available: false, unavailableReason: 'AMOUNT_LIMIT', lineTotal: null });
    await expectCheckoutBlockedBy(
      shopper,
      bust,
      /: Marble Bust \(2 × 60000000 USD\) would take your cart over the limit/,
    );
  });
});
