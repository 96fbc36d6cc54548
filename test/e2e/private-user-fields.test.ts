import { randomUUID } from 'node:crypto';
import { getNamedType, isCompositeType, isNonNullType, type GraphQLObjectType } from 'graphql';
import { introspect } from './schema-walk';
import { ADD_TO_CART, expectData, productIds, setStock } from './shopping';
import { bearer, DEMO, startStack, type GraphQLResponse, type Stack } from './stack';

// Another user's private fields, read through a review's author: each refused field is null
// with its own error, and the rest of the response (products, reviews, the author) stands.
let stack: Stack;
let productId: string;
let author: { userId: string; name: string };
let customer: Record<string, string>;
const anonymous: Record<string, string> = {};

beforeAll(async () => {
  stack = await startStack();
  [productId] = (await productIds(stack, 1)) as [string];
  // A new user, so their review of the newest product is its newest review.
  const { signUp } = await expectData(
    stack,
    `mutation ($input: SignUpInput!) { signUp(input: $input) { accessToken user { id } } }`,
    { input: { email: `${randomUUID()}@example.com`, password: 'a long enough password', name: 'Robin Reviewer' } },
    {},
  );
  const writer = bearer(signUp.accessToken as string);
  // Something private to leak, were the fields not refused.
  await setStock(stack, productId, 5);
  await expectData(stack, ADD_TO_CART, { productId, quantity: 1 }, writer);
  const { addReview } = await expectData(
    stack,
    `mutation ($input: AddReviewInput!) { addReview(input: $input) { author { name } } }`,
    { input: { productId, rating: 5, title: 'Sturdy', body: 'Does what it says.' } },
    writer,
  );
  author = { userId: signUp.user.id as string, name: addReview.author.name as string };
  customer = bearer((await stack.logIn(DEMO.customer.email, DEMO.customer.password)).accessToken);
}, 60_000);
afterAll(() => stack.stop());

const AUTHOR_PATH = ['products', 'edges', 0, 'node', 'reviews', 'edges', 0, 'node', 'author'];

/** The newest product's newest review's author, with `fields` selected on them. */
const throughAuthor = (fields: string) =>
  `{ products(first: 1) { edges { node { id reviews(first: 1) { edges { node { rating author { ${fields} } } } } } } } }`;

function authorOf(body: GraphQLResponse['body']) {
  expect(body.data?.products.edges[0].node.id).toBe(productId);
  const review = body.data?.products.edges[0].node.reviews.edges[0].node;
  expect(review).toMatchObject({ rating: 5 });
  return review.author as Record<string, unknown>;
}

/** Each error as `field: CODE`, for errors on the author's fields; fails on any other error. */
function refusals(body: GraphQLResponse['body']): Record<string, unknown> {
  return Object.fromEntries(
    (body.errors ?? []).map((error) => {
      const path = (error as { path?: (string | number)[] }).path ?? [];
      expect(path.slice(0, -1)).toEqual(AUTHOR_PATH);
      return [path.at(-1), error.extensions?.code];
    }),
  );
}

describe("another user's private fields through review.author", () => {
  it('nulls only the cart when a customer asks for it (the rest of the listing stands)', async () => {
    const { body } = await stack.request(throughAuthor('name cart { itemCount }'), {}, customer);
    expect(authorOf(body)).toEqual({ name: author.name, cart: null });
    expect(refusals(body)).toEqual({ cart: 'FORBIDDEN' });
  });

  it.each([
    [
      'a customer',
      () => customer,
      { email: 'FORBIDDEN', roles: 'FORBIDDEN', cart: 'FORBIDDEN' },
      { orders: 'FORBIDDEN', notifications: 'FORBIDDEN', recommendedProducts: 'FORBIDDEN' },
    ],
    [
      'an anonymous caller',
      () => anonymous,
      { email: 'FORBIDDEN', roles: 'FORBIDDEN', cart: 'UNAUTHENTICATED' },
      { orders: 'UNAUTHENTICATED', notifications: 'UNAUTHENTICATED', recommendedProducts: 'UNAUTHENTICATED' },
    ],
  ])('nulls each private field, with its own error and path, for %s', async (_who, headers, own, others) => {
    const fields = `id name email roles cart { itemCount } orders(first: 1) { totalCount }
      notifications(first: 1) { totalCount } recommendedProducts(first: 1) { id }`;
    const { body } = await stack.request(throughAuthor(fields), {}, headers());
    expect(authorOf(body)).toEqual({
      id: author.userId,
      name: author.name,
      email: null,
      roles: null,
      cart: null,
      orders: null,
      notifications: null,
      recommendedProducts: null,
    });
    expect(refusals(body)).toEqual({ ...own, ...others });
  });

  it('keeps the response whatever User field is asked for, for a customer and for an anonymous caller', async () => {
    const user = (await introspect((query, variables) => stack.request(query, variables))).getType(
      'User',
    ) as GraphQLObjectType;
    const fields = Object.values(user.getFields()).filter((field) =>
      field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined),
    );
    expect(fields.map((field) => field.name)).toEqual(expect.arrayContaining(['cart', 'orders', 'notifications']));
    for (const headers of [customer, anonymous]) {
      for (const field of fields) {
        const selection = isCompositeType(getNamedType(field.type)) ? `${field.name} { __typename }` : field.name;
        const { body } = await stack.request(throughAuthor(`name ${selection}`), {}, headers);
        const read = authorOf(body);
        expect(read.name).toBe(author.name);
        const refused = refusals(body);
        expect(Object.keys(refused).every((name) => name === field.name && read[name] === null)).toBe(true);
        expect(Object.values(refused).every((code) => code === 'FORBIDDEN' || code === 'UNAUTHENTICATED')).toBe(true);
      }
    }
  });
});

describe("the caller's own fields at the root", () => {
  it('nulls only the cart and me for an anonymous caller: the products stand', async () => {
    const { body } = await stack.request(
      `{ products(first: 1) { edges { node { id } } } cart { itemCount } me { id } }`,
    );
    expect(body.data).toEqual({ products: { edges: [{ node: { id: productId } }] }, cart: null, me: null });
    expect((body.errors ?? []).map((error) => [(error as { path?: unknown[] }).path, error.extensions?.code])).toEqual(
      expect.arrayContaining([
        [['cart'], 'UNAUTHENTICATED'],
        [['me'], 'UNAUTHENTICATED'],
      ]),
    );
    expect(body.errors).toHaveLength(2);
  });
});
