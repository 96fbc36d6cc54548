import { waitFor } from '@agora/testing';
import {
  ADD_TO_CART,
  availableQuantity,
  CHECKOUT,
  checkoutInput,
  createProduct,
  productIds,
  setStock,
  signedUpShopper,
} from './shopping';
import { EVENTS_STACK_START_MS, EVENTS_WAIT, startStack, type Stack } from './stack';

const SEARCH = `query ($q: String!) { search(query: $q, first: 5) { edges { node { id name price { amount } } } } }`;
const MY_NOTIFICATIONS = `query { me { notifications(first: 5) { edges { node { kind orderId } } } } }`;
const ALSO_BOUGHT = `query ($id: ID) { product(id: $id) { recommendations(first: 3) { id } } }`;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ events: true });
}, EVENTS_STACK_START_MS);
afterAll(() => stack.stop());

describe('the whole flow through the router, events included', () => {
  it('search → cart → checkout → confirmed, captured, stock taken → notification → recommendations', async () => {
    const lantern = await createProduct(stack, { name: 'Zephyr Lantern', price: 4500, stock: 10 });
    const companion = (await productIds(stack, 2)).find((id) => id !== lantern) as string;
    await setStock(stack, companion, 10);

    // The catalog's event reaches the search index.
    const found = await waitFor(async () => {
      const r = await stack.request(SEARCH, { q: 'zephyr lantern' });
      return r.body.data.search.edges.some((e: { node: { id: string } }) => e.node.id === lantern) && r;
    }, EVENTS_WAIT);
    expect(found.body.data.search.edges[0].node).toEqual({
      id: lantern,
      name: 'Zephyr Lantern',
      price: { amount: 4500 },
    });

    const shopper = await signedUpShopper(stack);
    await stack.request(ADD_TO_CART, { productId: lantern, quantity: 1 }, shopper);
    await stack.request(ADD_TO_CART, { productId: companion, quantity: 1 }, shopper);
    const { body } = await stack.request(CHECKOUT, { input: checkoutInput() }, shopper);
    const order = body.data.checkout;
    expect(order).toMatchObject({ status: 'CONFIRMED', payment: { status: 'CAPTURED' } });
    expect(await availableQuantity(stack, lantern)).toBe(9);

    const notified = await waitFor(async () => {
      const r = await stack.request(MY_NOTIFICATIONS, {}, shopper);
      return r.body.data.me.notifications.edges.length > 0 && r;
    }, EVENTS_WAIT);
    expect(notified.body.data.me.notifications.edges[0].node).toEqual({ kind: 'ORDER_CONFIRMED', orderId: order.id });
    expect(stack.mail.some((message) => message.subject.length > 0 && message.to.endsWith('@example.com'))).toBe(true);

    const recommended = await waitFor(async () => {
      const r = await stack.request(ALSO_BOUGHT, { id: lantern });
      return r.body.data.product.recommendations[0]?.id === companion && r;
    }, EVENTS_WAIT);
    expect(recommended.body.data.product.recommendations[0].id).toBe(companion);
  }, 60_000);
});
