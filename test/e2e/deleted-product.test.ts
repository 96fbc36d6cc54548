import { waitFor } from '@agora/testing';
import {
  ADD_TO_CART,
  adminHeaders,
  CHECKOUT,
  checkoutInput,
  createProduct,
  productIds,
  setStock,
  signedUpShopper,
} from './shopping';
import { EVENTS_STACK_START_MS, EVENTS_WAIT, startStack, type Stack } from './stack';

const DELETE_PRODUCT = `mutation ($id: ID!) { deleteProduct(id: $id) }`;
const ADD_REVIEW = `mutation ($input: AddReviewInput!) { addReview(input: $input) { id } }`;
const ORDER = `query ($id: ID!) { order(id: $id) { id status items { productName product { id name deletedAt } } } }`;
const MY_ORDERS = `{ me { orders(first: 5) { edges { node { id items { product { id name } } } } } } }`;
const MY_REVIEWS = `{ me { reviews(first: 5) { edges { node { rating product { id name deletedAt } } } } } }`;
const MY_CART = `{ cart { itemCount items { id product { id } } } }`;
const PRODUCT = `query ($id: ID) { product(id: $id) { id name recommendations(first: 5) { id name } } }`;
const LISTING = `query { products(first: 100, sort: NEWEST) { edges { node { id } } } }`;
const SEARCH = `query ($q: String!) { search(query: $q, first: 10) { edges { node { id name deletedAt } } } }`;
const RECOMMENDED_FOR_ME = `{ me { recommendedProducts(first: 10) { id name } } }`;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ events: true });
}, EVENTS_STACK_START_MS);
afterAll(() => stack.stop());

type Answer = Awaited<ReturnType<Stack['request']>>;
const ids = (nodes: { id: string }[]) => nodes.map((node) => node.id);
const edgesOf = (connection: { edges: { node: { id: string } }[] }) => connection.edges.map((edge) => edge.node);

function expectNoErrors(answer: Answer): void {
  expect(answer.body.errors).toBeUndefined();
}

describe('a product removed from the catalog, seen from everything that refers to it', () => {
  it('still resolves in orders, reviews, carts, recommendations and search, and is never sold or reviewed again', async () => {
    const admin = await adminHeaders(stack);
    const kettle = await createProduct(stack, { name: 'Quillfeather Kettle', price: 3900, stock: 10 });
    const companion = (await productIds(stack, 2)).find((id) => id !== kettle) as string;
    await setStock(stack, companion, 10);
    await waitFor(async () => {
      const r = await stack.request(SEARCH, { q: 'quillfeather' });
      return ids(edgesOf(r.body.data.search)).includes(kettle) && r;
    }, EVENTS_WAIT);

    // A buyer orders it with a companion and reviews it; another shopper keeps it in the cart.
    const buyer = await signedUpShopper(stack);
    await stack.request(ADD_TO_CART, { productId: kettle, quantity: 1 }, buyer);
    await stack.request(ADD_TO_CART, { productId: companion, quantity: 1 }, buyer);
    const order = (await stack.request(CHECKOUT, { input: checkoutInput() }, buyer)).body.data.checkout;
    expect(order.status).toBe('CONFIRMED');
    expectNoErrors(
      await stack.request(
        ADD_REVIEW,
        { input: { productId: kettle, rating: 4, title: 'Boils fast', body: 'Does what it says.' } },
        buyer,
      ),
    );
    const holder = await signedUpShopper(stack);
    expectNoErrors(await stack.request(ADD_TO_CART, { productId: kettle, quantity: 2 }, holder));
    await waitFor(async () => {
      const r = await stack.request(PRODUCT, { id: companion });
      return ids(r.body.data.product.recommendations).includes(kettle) && r;
    }, EVENTS_WAIT);

    expect((await stack.request(DELETE_PRODUCT, { id: kettle }, admin)).body.data).toEqual({ deleteProduct: true });

    // Gone from sale: no product(id), no listing, eventually no search hit or recommendation.
    expect((await stack.request(PRODUCT, { id: kettle })).body).toEqual({ data: { product: null } });
    expect(ids(edgesOf((await stack.request(LISTING)).body.data.products))).not.toContain(kettle);
    const searched = await waitFor(async () => {
      const r = await stack.request(SEARCH, { q: 'quillfeather' });
      return !ids(edgesOf(r.body.data.search)).includes(kettle) && r;
    }, EVENTS_WAIT);
    expectNoErrors(searched);
    expect(ids(edgesOf(searched.body.data.search))).not.toContain(kettle);
    const recommended = await waitFor(async () => {
      const r = await stack.request(PRODUCT, { id: companion });
      return !ids(r.body.data.product.recommendations).includes(kettle) && r;
    }, EVENTS_WAIT);
    expectNoErrors(recommended);
    expect(ids(recommended.body.data.product.recommendations)).not.toContain(kettle);
    const forBuyer = await stack.request(RECOMMENDED_FOR_ME, {}, buyer);
    expectNoErrors(forBuyer);
    expect(ids(forBuyer.body.data.me.recommendedProducts)).not.toContain(kettle);

    // What refers to it still resolves it, by name, marked removed.
    const read = await stack.request(ORDER, { id: order.id }, buyer);
    expectNoErrors(read);
    expect(read.body.data.order.items).toContainEqual({
      productName: 'Quillfeather Kettle',
      product: { id: kettle, name: 'Quillfeather Kettle', deletedAt: expect.any(String) },
    });
    const history = await stack.request(MY_ORDERS, {}, buyer);
    expectNoErrors(history);
    expect(history.body.data.me.orders.edges[0].node.items).toContainEqual({
      product: { id: kettle, name: 'Quillfeather Kettle' },
    });
    const reviews = await stack.request(MY_REVIEWS, {}, buyer);
    expectNoErrors(reviews);
    expect(reviews.body.data.me.reviews.edges).toEqual([
      { node: { rating: 4, product: { id: kettle, name: 'Quillfeather Kettle', deletedAt: expect.any(String) } } },
    ]);
    const cart = await stack.request(MY_CART, {}, holder);
    expectNoErrors(cart);
    expect(cart.body.data.cart).not.toBeNull();

    // And it cannot be bought or reviewed again.
    const added = await stack.request(ADD_TO_CART, { productId: kettle, quantity: 1 }, holder);
    expect(added.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'productId' });
    const reviewed = await stack.request(
      ADD_REVIEW,
      { input: { productId: kettle, rating: 1, title: 'Gone', body: 'Gone.' } },
      holder,
    );
    expect(reviewed.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  }, 90_000);
});
