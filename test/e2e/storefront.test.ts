import { createServer } from 'node:net';
import { ADD_TO_CART, newShopper } from './shopping';
import { startStack, type Stack } from './stack';

const STOREFRONT = `query Storefront($first: Int, $after: String) {
  products(first: $first, after: $after, sort: NEWEST) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id name slug
        price { amount currency }
        category { name }
        inStock availableQuantity averageRating reviewCount
        reviews(first: 3) { edges { node { rating title author { name } } } }
      }
    }
  }
}`;

const PRODUCT_PAGE = `query ProductPage($slug: String) {
  product(slug: $slug) {
    id name description brand images
    price { amount currency }
    category { name parent { name } }
    inStock availableQuantity averageRating reviewCount
    reviews(first: 10) { totalCount edges { node { rating title body createdAt author { name } } } }
  }
}`;

/** A GraphQL URL on a port nobody listens on: a subgraph that is down. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/graphql`;
}

const LISTING_WITH_RECOMMENDATIONS = `query Listing {
  products(first: 5, sort: NEWEST) {
    edges { node { id name inStock availableQuantity averageRating reviewCount recommendations(first: 2) { id } } }
  }
}`;

async function post(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json() };
}

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

describe('the storefront through the router', () => {
  it('lists products with prices, stock, ratings and reviews with their authors from four subgraphs', async () => {
    const { status, body } = await stack.request(STOREFRONT, { first: 10 });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const { products } = body.data;
    expect(products.totalCount).toBe(500);
    expect(products.edges).toHaveLength(10);
    expect(products.pageInfo.hasNextPage).toBe(true);
    const reviewed = products.edges.map((e: any) => e.node).filter((p: any) => p.reviewCount > 0);
    expect(reviewed.length).toBeGreaterThan(0);
    for (const product of reviewed) {
      expect(product.price).toEqual({ amount: expect.any(Number), currency: 'USD' });
      expect(Number.isInteger(product.price.amount)).toBe(true);
      expect(product.category.name).toEqual(expect.any(String));
      expect(product.inStock).toBe(product.availableQuantity > 0);
      expect(product.averageRating).toBeGreaterThanOrEqual(1);
      expect(product.reviews.edges[0].node.author.name).toEqual(expect.any(String));
    }
  });

  it('pages through the listing with cursors, without repeating a product', async () => {
    const first = await stack.request(STOREFRONT, { first: 5 });
    const second = await stack.request(STOREFRONT, { first: 5, after: first.body.data.products.pageInfo.endCursor });
    const ids = [...first.body.data.products.edges, ...second.body.data.products.edges].map((e: any) => e.node.id);
    expect(new Set(ids).size).toBe(10);
  });

  it('shows a product page by slug', async () => {
    const listing = await stack.request(STOREFRONT, { first: 1 });
    const { slug, id } = listing.body.data.products.edges[0].node;
    const { body } = await stack.request(PRODUCT_PAGE, { slug });
    expect(body.errors).toBeUndefined();
    expect(body.data.product).toMatchObject({ id, category: { parent: { name: expect.any(String) } } });
    expect(body.data.product.reviews.totalCount).toBe(body.data.product.reviewCount);
    expect(body.data.product.reviews.edges.length).toBe(Math.min(10, body.data.product.reviewCount));
  });
});

describe('the storefront listing when a service that adds to products is down', () => {
  const fieldsOf = {
    inventory: ['inStock', 'availableQuantity'],
    reviews: ['averageRating', 'reviewCount'],
    recommendations: ['recommendations'],
  } as const;

  it.each(Object.keys(fieldsOf) as (keyof typeof fieldsOf)[])(
    'keeps its products when %s is down: its fields are null, with one SERVICE_UNAVAILABLE error naming it',
    async (service) => {
      const router = await stack.startRouter({ [`SUBGRAPH_URL_${service.toUpperCase()}`]: await deadUrl() });
      try {
        const { status, body } = await post(router.url, LISTING_WITH_RECOMMENDATIONS);

        expect(status).toBe(200);
        const nodes = body.data.products.edges.map((edge: any) => edge.node);
        expect(nodes).toHaveLength(5);
        for (const node of nodes) {
          expect(node.name).toEqual(expect.any(String));
          for (const field of fieldsOf[service]) expect(node[field]).toBeNull();
          for (const [other, fields] of Object.entries(fieldsOf)) {
            if (other === service) continue;
            for (const field of fields) if (field !== 'averageRating') expect(node[field]).not.toBeNull();
          }
        }
        expect(body.errors).toEqual([
          expect.objectContaining({
            message: `The ${service} service is unavailable.`,
            extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', serviceName: service }),
          }),
        ]);
      } finally {
        await router.stop();
      }
    },
  );
});

const REVIEWS_WITH_AUTHORS = `query ($id: ID) {
  product(id: $id) { id name reviewCount reviews(first: 5) { edges { node { rating title author { name } } } } }
}`;

const CART = `query { cart { itemCount items { quantity product { id name } } } }`;

/** The one error a router answers for a service that is down. */
const unavailable = (service: string) => [
  expect.objectContaining({
    message: `The ${service} service is unavailable.`,
    extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', serviceName: service }),
  }),
];

describe('references to an entity another service resolves, when that service is down', () => {
  it("keeps a product's reviews with their ratings when accounts is down: each author is null, with one error", async () => {
    const listing = await stack.request(`{ products(first: 20) { edges { node { id reviewCount } } } }`);
    const reviewed = listing.body.data.products.edges.map((e: any) => e.node).find((p: any) => p.reviewCount > 0);
    expect(reviewed).toBeDefined();
    const router = await stack.startRouter({ SUBGRAPH_URL_ACCOUNTS: await deadUrl() });
    try {
      const { status, body } = await post(router.url, REVIEWS_WITH_AUTHORS, { id: reviewed.id });

      expect(status).toBe(200);
      expect(body.data.product).toMatchObject({ id: reviewed.id, name: expect.any(String) });
      const reviews = body.data.product.reviews.edges.map((edge: any) => edge.node);
      expect(reviews).toHaveLength(Math.min(5, reviewed.reviewCount));
      for (const review of reviews) {
        expect(review).toEqual({ rating: expect.any(Number), title: expect.any(String), author: null });
      }
      expect(body.errors).toEqual(unavailable('accounts'));
    } finally {
      await router.stop();
    }
  });

  it("keeps a customer's cart with its quantities when catalog is down: each product is null, with one error", async () => {
    const shopper = await newShopper(stack);
    const listing = await stack.request(`{ products(first: 20) { edges { node { id availableQuantity } } } }`);
    const [first, second] = listing.body.data.products.edges
      .map((edge: any) => edge.node)
      .filter((product: any) => product.availableQuantity >= 3)
      .map((product: any) => product.id as string);
    for (const [productId, quantity] of [
      [first, 2],
      [second, 3],
    ] as const) {
      const added = await stack.request(ADD_TO_CART, { productId, quantity }, shopper);
      expect(added.body.errors).toBeUndefined();
    }
    const router = await stack.startRouter({ SUBGRAPH_URL_CATALOG: await deadUrl() });
    try {
      const { status, body } = await post(router.url, CART, {}, shopper);

      expect(status).toBe(200);
      expect(body.data.cart.itemCount).toBe(5);
      const items = body.data.cart.items as { quantity: number; product: unknown }[];
      expect(items.map((item) => item.quantity).sort()).toEqual([2, 3]);
      for (const item of items) expect(item.product).toBeNull();
      expect(body.errors).toEqual(unavailable('catalog'));
    } finally {
      await router.stop();
    }
  });
});
