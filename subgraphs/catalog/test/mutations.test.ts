import { errorCodes, execute } from '@agora/testing';
import { categoryDoc, productDoc } from './fixtures';
import { admin, customer, startCatalog, type CatalogHarness } from './setup';

const CREATE = `mutation ($input: CreateProductInput!) {
  createProduct(input: $input) { id slug name brand description images price { amount currency } category { id } createdAt }
}`;
const UPDATE = `mutation ($id: ID!, $input: UpdateProductInput!) {
  updateProduct(id: $id, input: $input) { id slug name price { amount currency } category { id } }
}`;
const DELETE = `mutation ($id: ID!) { deleteProduct(id: $id) }`;

let catalog: CatalogHarness;
const category = categoryDoc({ name: 'Mutations' });
beforeAll(async () => {
  catalog = await startCatalog();
  await catalog.insertCategories(category);
});
afterAll(() => catalog.stop());

function newProduct(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Trail Shoe 2!',
    brand: 'Northwind',
    categoryId: category._id,
    price: { amount: 8999, currency: 'USD' },
    images: ['https://images.example.com/shoe.jpg'],
    ...overrides,
  };
}

const productCount = () => catalog.store.products.countDocuments({});

describe('createProduct', () => {
  it('lets an admin add a product, deriving the slug from the name', async () => {
    const result = await execute(catalog.server, catalog.context(admin), CREATE, { input: newProduct() });
    expect(result.errors).toBeUndefined();
    const created = result.data?.createProduct;
    expect(created).toMatchObject({
      slug: 'trail-shoe-2',
      name: 'Trail Shoe 2!',
      description: '',
      price: { amount: 8999, currency: 'USD' },
      category: { id: category._id },
    });
    expect(new Date(created.createdAt).toISOString()).toBe(created.createdAt);
    const read = await execute(catalog.server, catalog.context(), `query ($id: ID) { product(id: $id) { slug } }`, {
      id: created.id,
    });
    expect(read.data?.product).toEqual({ slug: 'trail-shoe-2' });
  });

  it('refuses anonymous callers and customers, writing nothing', async () => {
    const before = await productCount();
    const input = newProduct({ slug: 'refused-caller' });
    const anonymous = await execute(catalog.server, catalog.context(null), CREATE, { input });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    const asCustomer = await execute(catalog.server, catalog.context(customer), CREATE, { input });
    expect(errorCodes(asCustomer)).toEqual(['FORBIDDEN']);
    expect(await productCount()).toBe(before);
  });

  it.each([
    ['a negative price', { price: { amount: -1, currency: 'USD' } }, 'input.price.amount'],
    ['a price above the maximum', { price: { amount: 100_000_001, currency: 'USD' } }, 'input.price.amount'],
    ['a lower-case currency', { price: { amount: 100, currency: 'usd' } }, 'input.price.currency'],
    ['an empty name', { name: '  ' }, 'input.name'],
    ['a slug with capitals', { slug: 'Bad Slug' }, 'input.slug'],
    ['an image that is no URL', { images: ['not a url'] }, 'input.images.0'],
    ['an unknown category', { categoryId: 'no-such-category' }, 'input.categoryId'],
  ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_case, overrides, field) => {
    const before = await productCount();
    const result = await execute(catalog.server, catalog.context(admin), CREATE, { input: newProduct(overrides) });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message.startsWith(`${field}:`)).toBe(true);
    expect(await productCount()).toBe(before);
  });

  it('refuses a slug already in use with CONFLICT', async () => {
    const input = newProduct({ slug: 'only-once' });
    expect((await execute(catalog.server, catalog.context(admin), CREATE, { input })).errors).toBeUndefined();
    const before = await productCount();
    const again = await execute(catalog.server, catalog.context(admin), CREATE, { input });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(await productCount()).toBe(before);
  });
});

describe('updateProduct', () => {
  it('changes only the given fields', async () => {
    const other = categoryDoc();
    await catalog.insertCategories(other);
    const product = productDoc({ categoryId: category._id });
    await catalog.insertProducts(product);
    const input = { price: { amount: 1234, currency: 'EUR' }, categoryId: other._id, name: null };
    const result = await execute(catalog.server, catalog.context(admin), UPDATE, { id: product._id, input });
    expect(result.errors).toBeUndefined();
    expect(result.data?.updateProduct).toEqual({
      id: product._id,
      slug: product.slug,
      name: product.name,
      price: { amount: 1234, currency: 'EUR' },
      category: { id: other._id },
    });
  });

  it('answers NOT_FOUND, CONFLICT, BAD_USER_INPUT and FORBIDDEN with the product unchanged', async () => {
    const [taken, product] = [productDoc({ categoryId: category._id }), productDoc({ categoryId: category._id })];
    await catalog.insertProducts(taken, product);
    const update = (caller: typeof admin, id: string, input: object) =>
      execute(catalog.server, catalog.context(caller), UPDATE, { id, input });
    expect(errorCodes(await update(admin, 'no-such-product', { name: 'x' }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await update(admin, product._id, { slug: taken.slug }))).toEqual(['CONFLICT']);
    expect(errorCodes(await update(admin, product._id, { categoryId: 'nope' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await update(admin, product._id, { price: { amount: 1.5, currency: 'USD' } }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await update(customer, product._id, { name: 'x' }))).toEqual(['FORBIDDEN']);
    expect(await catalog.store.products.findOne({ _id: product._id })).toEqual(product);
  });
});

describe('deleteProduct', () => {
  const ENTITY = `query ($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Product { id slug name price { amount } deletedAt } }
  }`;
  const PRODUCT = `query ($id: ID, $slug: String) { product(id: $id, slug: $slug) { id } }`;

  it('lets an admin remove a product, then answers NOT_FOUND for it', async () => {
    const product = productDoc({ categoryId: category._id });
    await catalog.insertProducts(product);
    const asCustomer = await execute(catalog.server, catalog.context(customer), DELETE, { id: product._id });
    expect(errorCodes(asCustomer)).toEqual(['FORBIDDEN']);
    const removed = await execute(catalog.server, catalog.context(admin), DELETE, { id: product._id });
    expect(removed.data?.deleteProduct).toBe(true);
    const again = await execute(catalog.server, catalog.context(admin), DELETE, { id: product._id });
    expect(errorCodes(again)).toEqual(['NOT_FOUND']);
    const update = await execute(catalog.server, catalog.context(admin), UPDATE, {
      id: product._id,
      input: { name: 'Back again' },
    });
    expect(errorCodes(update)).toEqual(['NOT_FOUND']);
  });

  it('keeps a removed product as a tombstone that entity references still resolve, hidden from product()', async () => {
    const product = productDoc({ categoryId: category._id });
    await catalog.insertProducts(product);
    await execute(catalog.server, catalog.context(admin), DELETE, { id: product._id });

    const resolved = await execute(catalog.server, catalog.context(), ENTITY, {
      representations: [{ __typename: 'Product', id: product._id }],
    });
    expect(resolved.errors).toBeUndefined();
    expect(resolved.data?._entities).toEqual([
      {
        id: product._id,
        slug: `deleted-${product._id}`,
        name: product.name,
        price: { amount: product.price.amount },
        deletedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
    expect((await execute(catalog.server, catalog.context(), PRODUCT, { id: product._id })).data).toEqual({
      product: null,
    });
    expect((await execute(catalog.server, catalog.context(), PRODUCT, { slug: product.slug })).data).toEqual({
      product: null,
    });
  });

  it('frees the slug of a removed product for a new one', async () => {
    const product = productDoc({ categoryId: category._id, slug: 'reused-slug' });
    await catalog.insertProducts(product);
    await execute(catalog.server, catalog.context(admin), DELETE, { id: product._id });

    const created = await execute(catalog.server, catalog.context(admin), CREATE, {
      input: newProduct({ slug: 'reused-slug' }),
    });

    expect(created.errors).toBeUndefined();
    expect(created.data?.createProduct).toMatchObject({ slug: 'reused-slug' });
  });

  it.each([
    ['an empty id', ''],
    ['a 10,000-character id', 'p'.repeat(10_000)],
    ['a Mongo operator', '{"$ne": null}'],
  ])('answers NOT_FOUND for %s, as for any unknown id, writing nothing', async (_case, id) => {
    const before = await productCount();
    const result = await execute(catalog.server, catalog.context(admin), DELETE, { id });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(await productCount()).toBe(before);
  });
});
