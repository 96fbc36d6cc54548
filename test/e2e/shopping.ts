import { randomUUID } from 'node:crypto';
import { bearer, DEMO, type Stack } from './stack';

export const CARDS = {
  approved: '4242 4242 4242 4242',
  declined: '4000 0000 0000 0002',
  insufficientFunds: '4000 0000 0000 9995',
  timeout: '4000 0000 0000 0119',
};

export const ADD_TO_CART = `mutation ($productId: ID!, $quantity: Int!) { addToCart(productId: $productId, quantity: $quantity) { itemCount } }`;
export const CHECKOUT = `mutation ($input: CheckoutInput!) {
  checkout(input: $input) { id status failureCode failureReason total { amount currency } payment { status amount { amount } last4 } }
}`;
export const STOCK = `query ($id: ID) { product(id: $id) { availableQuantity } }`;

export function checkoutInput(cardNumber = CARDS.approved, idempotencyKey = randomUUID()) {
  return {
    idempotencyKey,
    shippingAddress: {
      name: 'Casey Customer',
      line1: '1 Main Street',
      city: 'Springfield',
      postalCode: '12345',
      country: 'US',
    },
    payment: { cardNumber, expMonth: 12, expYear: new Date().getFullYear() + 2, cvc: '123' },
  };
}

/** An access token for a new shopper, signed by accounts' real key (no sign-up needed for a cart). */
export async function newShopper(stack: Stack): Promise<Record<string, string>> {
  return bearer(await stack.accounts.accessTokens.sign({ id: randomUUID(), roles: ['customer'] }, randomUUID()));
}

/** A shopper who signed up through the router (an accounts user, so `me` resolves). */
export async function signedUpShopper(stack: Stack): Promise<Record<string, string>> {
  const { body } = await stack.request(`mutation ($input: SignUpInput!) { signUp(input: $input) { accessToken } }`, {
    input: { email: `${randomUUID()}@example.com`, password: 'a long enough password', name: 'Shopper' },
  });
  if (!body.data?.signUp) throw new Error(JSON.stringify(body.errors));
  return bearer(body.data.signUp.accessToken as string);
}

/** Sets a product's stock as the demo admin. */
export async function setStock(stack: Stack, productId: string, quantity: number): Promise<void> {
  const admin = await stack.logIn(DEMO.admin.email, DEMO.admin.password);
  const { body } = await stack.request(
    `mutation ($id: ID!, $quantity: Int!) { setStock(productId: $id, quantity: $quantity) { id } }`,
    { id: productId, quantity },
    bearer(admin.accessToken),
  );
  if (body.errors) throw new Error(JSON.stringify(body.errors));
}

export async function availableQuantity(stack: Stack, productId: string): Promise<number> {
  const { body } = await stack.request(STOCK, { id: productId });
  return body.data.product.availableQuantity as number;
}

/** Ids of the first `count` demo products, newest first. */
export async function productIds(stack: Stack, count: number): Promise<string[]> {
  const { body } = await stack.request(`query ($first: Int) { products(first: $first) { edges { node { id } } } }`, {
    first: count,
  });
  return (body.data.products.edges as { node: { id: string } }[]).map((edge) => edge.node.id);
}

/** The demo admin's authorization header. */
export async function adminHeaders(stack: Stack): Promise<Record<string, string>> {
  return bearer((await stack.logIn(DEMO.admin.email, DEMO.admin.password)).accessToken);
}

/** Answers the operation's data, failing the test on any error. */
export async function expectData(
  stack: Stack,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<any> {
  const { body } = await stack.request(query, variables, headers);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Creates a product as the demo admin with `stock` units on hand; returns its id. */
export async function createProduct(
  stack: Stack,
  product: { name: string; price: number; currency?: string; stock: number },
): Promise<string> {
  const admin = await adminHeaders(stack);
  const { categories } = await expectData(stack, `{ categories { id } }`, {}, admin);
  const { createProduct: created } = await expectData(
    stack,
    `mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }`,
    {
      input: {
        name: product.name,
        slug: `test-${randomUUID()}`,
        brand: 'Agora Tests',
        categoryId: (categories as { id: string }[])[0]?.id,
        price: { amount: product.price, currency: product.currency ?? 'USD' },
      },
    },
    admin,
  );
  await setStock(stack, created.id as string, product.stock);
  return created.id as string;
}

/** Reprices a product as the demo admin. */
export async function setPrice(stack: Stack, productId: string, amount: number, currency = 'USD'): Promise<void> {
  await expectData(
    stack,
    `mutation ($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { id } }`,
    { id: productId, input: { price: { amount, currency } } },
    await adminHeaders(stack),
  );
}
