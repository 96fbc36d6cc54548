import { bearer, DEMO, startStack, type Stack } from './stack';

const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { accessToken } }`;
const ADD_REVIEW = `mutation ($input: AddReviewInput!) { addReview(input: $input) { id } }`;
const LISTING = `query ($first: Int, $after: String) { products(first: $first, after: $after) { edges { node { id } } } }`;

let stack: Stack;
let token: string;
let productId: string;
beforeAll(async () => {
  stack = await startStack();
  token = (await stack.logIn(DEMO.customer.email, DEMO.customer.password)).accessToken;
  const { body } = await stack.request(LISTING, { first: 1 });
  productId = body.data.products.edges[0].node.id;
});
afterAll(() => stack.stop());

async function rowCount(
  pool: { query: (sql: string) => Promise<{ rows: { n: string }[] }> },
  table: string,
): Promise<number> {
  const { rows } = await pool.query(`select count(*) as n from ${table}`);
  return Number(rows[0]?.n);
}

describe('bad input through the router: a coded error, nothing written, services up', () => {
  it.each([
    ['a malformed e-mail', { email: 'not-an-email', password: 'long enough password', name: 'A' }, 'input.email'],
    ['a short password', { email: 'short@example.com', password: 'short', name: 'A' }, 'input.password'],
  ])('refuses sign-up with %s', async (_case, input, field) => {
    const accountsPool = stack.accounts.db.pool;
    const before = await rowCount(accountsPool, 'users');
    const { body } = await stack.request(SIGN_UP, { input });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(body.errors?.[0]?.message).toContain(field);
    expect(await rowCount(accountsPool, 'users')).toBe(before);
  });

  it.each([
    ['rating 0', () => ({ productId, rating: 0, title: 'T', body: 'B' }), 'input.rating'],
    ['rating 6', () => ({ productId, rating: 6, title: 'T', body: 'B' }), 'input.rating'],
    [
      'an unknown product id',
      () => ({ productId: '30000000-0000-4000-8000-999999999999', rating: 4, title: 'T', body: 'B' }),
      'input.productId',
    ],
  ])('refuses a review with %s', async (_case, input, field) => {
    const reviewsPool = (stack.subgraphs.reviews.service as unknown as { db: { pool: Parameters<typeof rowCount>[0] } })
      .db.pool;
    const before = await rowCount(reviewsPool, 'reviews');
    const { body } = await stack.request(ADD_REVIEW, { input: input() }, bearer(token));
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await rowCount(reviewsPool, 'reviews')).toBe(before);
  });

  it('refuses a garbage cursor', async () => {
    const { body } = await stack.request(LISTING, { first: 5, after: 'garbage!!' });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('refuses first: 100000', async () => {
    const { body } = await stack.request(LISTING, { first: 100000 });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('keeps every service up afterwards', async () => {
    for (const subgraph of Object.values(stack.subgraphs)) {
      const health = await fetch(`http://127.0.0.1:${subgraph.running.port}/health`);
      expect(health.status).toBe(200);
    }
    const { body } = await stack.request(LISTING, { first: 2 });
    expect(body.data.products.edges).toHaveLength(2);
  });
});
