import { IDENTITY_HEADER, signIdentity } from '@agora/subgraph-kit';
import { SignJWT } from 'jose';
import { bearer, DEMO, startStack, type Stack } from './stack';

const ME = `query { me { id } }`;
const DELETE_REVIEW = `mutation ($id: ID!) { deleteReview(id: $id) }`;
const REVIEWS_OF_ME = `query { me { reviews(first: 1) { edges { node { id } } } } }`;
const PRODUCT = `query ($id: ID) { product(id: $id) { id name price { amount } availableQuantity } }`;

let stack: Stack;
let customerToken: string;
let productId: string;
beforeAll(async () => {
  stack = await startStack();
  customerToken = (await stack.logIn(DEMO.customer.email, DEMO.customer.password)).accessToken;
  const { body } = await stack.request(`{ products(first: 1) { edges { node { id } } } }`);
  productId = body.data.products.edges[0].node.id;
});
afterAll(() => stack.stop());

/** A token signed with accounts' real key, with the claims a test wants. */
async function signWithRealKey(claims: { audience?: string; issuer?: string; expiresAt?: number }): Promise<string> {
  const key = await stack.accounts.signingKeys.active();
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ roles: ['customer', 'admin'] })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid })
    .setSubject('10000000-0000-4000-8000-000000000001')
    .setIssuer(claims.issuer ?? 'agora-accounts')
    .setAudience(claims.audience ?? 'agora')
    .setIssuedAt(now - 3600)
    .setExpirationTime(claims.expiresAt ?? now + 600)
    .sign(key.privateKey);
}

describe('tokens the router refuses', () => {
  it('accepts a token the real key signed with the right claims (so the refusals below are about the claims)', async () => {
    const { body } = await stack.request(ME, {}, bearer(await signWithRealKey({})));
    expect(body.data.me.id).toBe('10000000-0000-4000-8000-000000000001');
  });

  it.each([
    ['tampered', () => customerToken.slice(0, -4) + (customerToken.endsWith('AAAA') ? 'BBBB' : 'AAAA')],
    ['expired', () => signWithRealKey({ expiresAt: Math.floor(Date.now() / 1000) - 60 })],
    ['for another audience', () => signWithRealKey({ audience: 'someone-else' })],
    ['from another issuer', () => signWithRealKey({ issuer: 'not-accounts' })],
  ])('refuses a %s token with UNAUTHENTICATED', async (_name, makeToken) => {
    const { status, body } = await stack.request(ME, {}, bearer(await makeToken()));
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.data ?? null).toBeNull();
  });
});

describe('identity sent straight to a subgraph', () => {
  async function callAccountsDirectly(identity: string) {
    const response = await fetch(stack.subgraphs.accounts.running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: identity },
      body: JSON.stringify({ query: ME }),
    });
    return (await response.json()) as { data?: { me?: unknown }; errors?: { extensions?: { code?: string } }[] };
  }

  it('refuses a hand-made identity header', async () => {
    const body = await callAccountsDirectly(
      JSON.stringify({ userId: '10000000-0000-4000-8000-000000000002', roles: ['admin'] }),
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.data?.me ?? null).toBeNull();
  });

  it('refuses an identity signed with a secret other than the router’s', async () => {
    const forged = await signIdentity(
      { userId: '10000000-0000-4000-8000-000000000002', roles: ['admin'] },
      'x'.repeat(48),
    );
    const body = await callAccountsDirectly(forged);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('accepts the identity the router signs (so the refusals above are about the signature)', async () => {
    const genuine = await signIdentity(
      { userId: '10000000-0000-4000-8000-000000000001', roles: ['customer'] },
      stack.secret,
    );
    const body = await callAccountsDirectly(genuine);
    expect(body.data?.me).toEqual({ id: '10000000-0000-4000-8000-000000000001' });
  });
});

describe('who may do what', () => {
  it('does not let a user delete another user’s review', async () => {
    const shopper = await stack.logIn(DEMO.shopper(1).email, DEMO.shopper(1).password);
    const mine = await stack.request(REVIEWS_OF_ME, {}, bearer(shopper.accessToken));
    const reviewId = mine.body.data.me.reviews.edges[0].node.id;

    const { body } = await stack.request(DELETE_REVIEW, { id: reviewId }, bearer(customerToken));
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const still = await stack.request(REVIEWS_OF_ME, {}, bearer(shopper.accessToken));
    expect(still.body.data.me.reviews.edges[0].node.id).toBe(reviewId);
  });

  it.each([
    [
      'createProduct',
      `mutation { createProduct(input: { name: "Nope", brand: "X", description: "d", categoryId: "20000000-0000-4000-8000-000000000002", price: { amount: 100, currency: "USD" } }) { id } }`,
    ],
    [
      'updateProduct',
      `mutation ($id: ID!) { updateProduct(id: $id, input: { price: { amount: 1, currency: "USD" } }) { id } }`,
    ],
    ['deleteProduct', `mutation ($id: ID!) { deleteProduct(id: $id) }`],
    ['setStock', `mutation ($id: ID!) { setStock(productId: $id, quantity: 0) { id } }`],
  ])('refuses %s to a customer with FORBIDDEN and changes nothing', async (_name, mutation) => {
    const before = await stack.request(PRODUCT, { id: productId });
    const { body } = await stack.request(
      mutation,
      mutation.includes('$id') ? { id: productId } : {},
      bearer(customerToken),
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const after = await stack.request(PRODUCT, { id: productId });
    expect(after.body.data).toEqual(before.body.data);
    const { body: listing } = await stack.request(`{ products(first: 1, filter: { brand: "X" }) { totalCount } }`);
    expect(listing.data.products.totalCount).toBe(0);
  });
});
