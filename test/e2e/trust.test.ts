import {
  createIdentitySigner,
  IDENTITY_HEADER,
  serviceCaller,
  type Caller,
  type SigningJwk,
} from '@agora/subgraph-kit';
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

type Answer = { data?: Record<string, any> | null; errors?: { message: string; extensions?: { code?: string } }[] };

/** POSTs `query` straight to a subgraph (bypassing the router), with `identity` when given. */
async function callDirectly(
  name: keyof Stack['subgraphs'],
  query: string,
  identity?: string,
  variables: Record<string, unknown> = {},
): Promise<{ status: number; body: Answer }> {
  const response = await fetch(stack.subgraphs[name].running.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(identity ? { [IDENTITY_HEADER]: identity } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Answer };
}

/** The private key the stack's `name` signs with. */
function keyOf(name: string): SigningJwk {
  const key = stack.signers.keys[name];
  if (!key) throw new Error(`no signing key for ${name}`);
  return key;
}

/** A token as `signer` (its real key) would sign it for `caller`. */
async function signedBy(signer: string, caller: Caller | null): Promise<string> {
  return (await createIdentitySigner(signer, keyOf(signer))).sign({ caller });
}

describe('identity sent straight to a subgraph', () => {
  async function callAccountsDirectly(identity: string) {
    return (await callDirectly('accounts', ME, identity)).body;
  }

  it('refuses a hand-made identity header', async () => {
    const body = await callAccountsDirectly(
      JSON.stringify({ userId: '10000000-0000-4000-8000-000000000002', roles: ['admin'] }),
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.data?.me ?? null).toBeNull();
  });

  it('refuses a router identity minted by a service with its own key (no subgraph can mint a user)', async () => {
    const orders = await createIdentitySigner('router', keyOf('orders'));
    const forged = await orders.sign({ caller: { userId: '10000000-0000-4000-8000-000000000002', roles: ['admin'] } });
    const body = await callAccountsDirectly(forged);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an identity from a signer the subgraph does not know', async () => {
    const stranger = await createIdentitySigner('stranger', keyOf('orders'));
    const body = await callAccountsDirectly(await stranger.sign({ caller: null }));
    expect(body.errors?.[0]?.message).toBe('The caller identity is signed by no trusted signer.');
  });

  it('accepts the identity the router signs (so the refusals above are about the signature)', async () => {
    const genuine = await signedBy('router', { userId: '10000000-0000-4000-8000-000000000001', roles: ['customer'] });
    const body = await callAccountsDirectly(genuine);
    expect(body.data?.me).toEqual({ id: '10000000-0000-4000-8000-000000000001' });
  });

  it('does not make a user of a service token: its roles beyond service are ignored', async () => {
    // Orders signing as itself, naming an admin: the catalog sees the orders service, never an admin.
    const token = await signedBy('orders', { userId: '10000000-0000-4000-8000-000000000001', roles: ['admin'] });
    const { body } = await callDirectly('catalog', `mutation ($id: ID!) { deleteProduct(id: $id) }`, token, {
      id: productId,
    });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await stack.request(PRODUCT, { id: productId })).body.data.product.id).toBe(productId);
  });
});

describe('a subgraph reached directly, bypassing the router', () => {
  it('answers /graphql without a signed identity with 401, even for an anonymous query', async () => {
    const { status, body } = await callDirectly('catalog', `{ products(first: 1) { totalCount } }`);
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.data ?? null).toBeNull();
  });

  it.each(['/live', '/ready', '/metrics'])('still answers GET %s', async (route) => {
    const origin = stack.subgraphs.catalog.running.url.replace('/graphql', '');
    expect((await fetch(`${origin}${route}`)).status).toBe(200);
  });

  it('publishes a calling service’s public keys at /.well-known/jwks.json, and the router’s', async () => {
    const orders = stack.subgraphs.orders.running.url.replace('/graphql', '/.well-known/jwks.json');
    const router = stack.url.replace('/graphql', '/.well-known/jwks.json');
    const keysOf = async (url: string) =>
      ((await (await fetch(url)).json()) as { keys: { kid: string; d?: string }[] }).keys;
    expect(await keysOf(orders)).toEqual([expect.objectContaining({ kid: stack.signers.keys.orders?.kid })]);
    expect(await keysOf(router)).toEqual([expect.objectContaining({ kid: stack.signers.keys.router?.kid })]);
    expect((await keysOf(orders))[0]?.d).toBeUndefined();
  });
});

describe('internal operations between services', () => {
  const RESERVE = `mutation ($input: ReserveStockInput!) { reserveStock(input: $input) { status } }`;
  const reservation = () => ({ input: { orderId: `trust-${Date.now()}`, items: [{ productId, quantity: 1 }] } });

  it('let the orders service reserve stock, calling as itself', async () => {
    const admin = await stack.logIn(DEMO.admin.email, DEMO.admin.password);
    const stocked = await stack.request(
      `mutation ($id: ID!) { setStock(productId: $id, quantity: 5) { id } }`,
      { id: productId },
      bearer(admin.accessToken),
    );
    expect(stocked.body.errors).toBeUndefined();

    const { body } = await callDirectly(
      'inventory',
      RESERVE,
      await signedBy('orders', serviceCaller('orders')),
      reservation(),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.reserveStock.status).toBe('HELD');
  });

  it('refuse another service (cart) with FORBIDDEN naming it', async () => {
    const { body } = await callDirectly(
      'inventory',
      RESERVE,
      await signedBy('cart', serviceCaller('cart')),
      reservation(),
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(body.errors?.[0]?.message).toMatch(/cart service/);
  });

  it('refuse a router-signed user holding a service role', async () => {
    const token = await signedBy('router', {
      userId: '10000000-0000-4000-8000-000000000001',
      roles: ['service', 'admin'],
    });
    const { body } = await callDirectly('inventory', RESERVE, token, reservation());
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
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
