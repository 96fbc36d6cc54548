import { execute } from '@agora/testing';
import type { PendingEvent } from '../src/events/product-events';
import { categoryDoc, productDoc } from './fixtures';
import { admin, startCatalog, type CatalogHarness } from './setup';

const CREATE = `mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { id } }`;
const DELETE = `mutation ($id: ID!) { deleteProduct(id: $id) }`;

let catalog: CatalogHarness;
const category = categoryDoc({ name: 'Events' });
beforeAll(async () => {
  catalog = await startCatalog();
  await catalog.insertCategories(category);
});
afterAll(() => catalog.stop());

async function pendingEvents(productId: string): Promise<PendingEvent[] | undefined> {
  return (await catalog.store.products.findOne({ _id: productId }))?.pendingEvents;
}

describe('events recorded with product writes', () => {
  it('records one ProductChanged with the new product when a product is created', async () => {
    const input = {
      name: 'Studio Headphones',
      brand: 'Sonora',
      description: 'Closed-back headphones.',
      categoryId: category._id,
      price: { amount: 12900, currency: 'EUR' },
      images: [],
    };
    const created = await execute(catalog.server, catalog.context(admin), CREATE, { input });
    const id = (created.data?.createProduct as { id: string }).id;

    expect(await pendingEvents(id)).toEqual([
      {
        id: expect.any(String),
        type: 'ProductChanged',
        version: 1,
        occurredAt: expect.any(String),
        source: 'catalog',
        payload: {
          productId: id,
          slug: 'studio-headphones',
          name: 'Studio Headphones',
          description: 'Closed-back headphones.',
          brand: 'Sonora',
          categoryId: category._id,
          price: { amount: 12900, currency: 'EUR' },
        },
      },
    ]);
  });

  it('appends a ProductChanged carrying the whole product as it is after an update', async () => {
    const product = productDoc({ categoryId: category._id });
    await catalog.context().products.insert(product);
    await execute(catalog.server, catalog.context(admin), UPDATE, {
      id: product._id,
      input: { price: { amount: 555, currency: 'USD' } },
    });

    const events = await pendingEvents(product._id);
    expect(events?.map((event) => event.type)).toEqual(['ProductChanged', 'ProductChanged']);
    expect(events?.[1]?.payload).toEqual({
      productId: product._id,
      slug: product.slug,
      name: product.name,
      description: product.description,
      brand: product.brand,
      categoryId: category._id,
      price: { amount: 555, currency: 'USD' },
    });
  });

  it('records nothing for an update that is refused', async () => {
    const product = productDoc({ categoryId: category._id });
    await catalog.insertProducts(product);
    const refused = await execute(catalog.server, catalog.context(admin), UPDATE, {
      id: product._id,
      input: { price: { amount: -1, currency: 'USD' } },
    });
    expect(refused.errors).toHaveLength(1);
    expect(await pendingEvents(product._id)).toBeUndefined();
  });

  it('marks a deleted product and records one ProductDeleted, hidden from every read', async () => {
    const product = productDoc({ categoryId: category._id, brand: 'Deleted brand' });
    await catalog.insertProducts(product);
    await execute(catalog.server, catalog.context(admin), DELETE, { id: product._id });

    const stored = await catalog.store.products.findOne({ _id: product._id });
    expect(stored?.deletedAt).toBeInstanceOf(Date);
    expect(stored?.slug).toBe(`deleted-${product._id}`);
    expect(stored?.pendingEvents).toEqual([
      expect.objectContaining({ type: 'ProductDeleted', source: 'catalog', payload: { productId: product._id } }),
    ]);
    expect(await catalog.context().products.bySlug(product.slug)).toBeNull();
    expect(await catalog.context().products.count({ categoryIds: [category._id], brand: product.brand })).toBe(0);
  });
});
