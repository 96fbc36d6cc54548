import { bearer, DEMO, startStack, type Stack } from './stack';

const PRODUCT = `query ($id: ID) { product(id: $id) { id price { amount currency } inStock availableQuantity } }`;
const UPDATE_PRICE = `mutation ($id: ID!, $amount: Int!) { updateProduct(id: $id, input: { price: { amount: $amount, currency: "USD" } }) { id price { amount } } }`;
const SET_STOCK = `mutation ($id: ID!, $quantity: Int!) { setStock(productId: $id, quantity: $quantity) { id inStock availableQuantity } }`;
const ADD_REVIEW = `mutation ($input: AddReviewInput!) { addReview(input: $input) { id rating author { name } product { id reviewCount } } }`;

let stack: Stack;
let productId: string;
beforeAll(async () => {
  stack = await startStack();
  const { body } = await stack.request(`{ products(first: 1, sort: PRICE_DESC) { edges { node { id } } } }`);
  productId = body.data.products.edges[0].node.id;
});
afterAll(() => stack.stop());

describe('what users do through the router', () => {
  it('lets the admin change a product’s price and stock', async () => {
    const admin = await stack.logIn(DEMO.admin.email, DEMO.admin.password);
    const priced = await stack.request(UPDATE_PRICE, { id: productId, amount: 1999 }, bearer(admin.accessToken));
    expect(priced.body.errors).toBeUndefined();
    const stocked = await stack.request(SET_STOCK, { id: productId, quantity: 0 }, bearer(admin.accessToken));
    expect(stocked.body.data.setStock).toEqual({ id: productId, inStock: false, availableQuantity: 0 });

    const { body } = await stack.request(PRODUCT, { id: productId });
    expect(body.data.product).toEqual({
      id: productId,
      price: { amount: 1999, currency: 'USD' },
      inStock: false,
      availableQuantity: 0,
    });
  });

  it('lets a customer review a product once', async () => {
    const customer = await stack.logIn(DEMO.customer.email, DEMO.customer.password);
    const input = { productId, rating: 4, title: 'Solid', body: 'Works as described.' };
    const before = await stack.request(`query ($id: ID) { product(id: $id) { reviewCount } }`, { id: productId });
    const added = await stack.request(ADD_REVIEW, { input }, bearer(customer.accessToken));
    expect(added.body.errors).toBeUndefined();
    expect(added.body.data.addReview).toMatchObject({
      rating: 4,
      author: { name: 'Casey Customer' },
      product: { id: productId, reviewCount: before.body.data.product.reviewCount + 1 },
    });
    const again = await stack.request(ADD_REVIEW, { input }, bearer(customer.accessToken));
    expect(again.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});
