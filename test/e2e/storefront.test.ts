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
