import { randomUUID } from 'node:crypto';
import { createIdentitySigner, generateSigningJwk, type Caller } from '@agora/subgraph-kit';
import { baseContext, errorCodes, execute } from '@agora/testing';
import { createInventoryService } from '../src/app';
import { productCatalogClient } from '../src/product-catalog.client';
import { StockRepository } from '../src/stock.repository';
import { admin, customer, startInventory, type InventoryHarness } from './setup';

const SET_STOCK = `mutation ($productId: ID!, $quantity: Int!) {
  setStock(productId: $productId, quantity: $quantity) { id availableQuantity inStock }
}`;

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Product { id inStock availableQuantity } }
}`;

let inventory: InventoryHarness;
beforeAll(async () => {
  inventory = await startInventory();
});
afterAll(() => inventory.stop());

const setStock = (productId: string, quantity: number, caller: Caller | null = admin) =>
  execute(inventory.server, inventory.context(caller), SET_STOCK, { productId, quantity });

/** The stock row and the movements of a product, straight from the tables. */
async function storedStock(productId: string) {
  const stock = new StockRepository(inventory.db.db);
  const [levels, movements] = await Promise.all([stock.quantities([productId]), stock.movements(productId)]);
  return { quantity: levels.get(productId), movements: movements.length };
}

describe('setStock', () => {
  it('lets an admin set the stock of a catalog product and records the movement', async () => {
    const productId = await inventory.catalog.addProduct();
    const first = await setStock(productId, 12);
    expect(first.errors).toBeUndefined();
    expect(first.data?.setStock).toEqual({ id: productId, availableQuantity: 12, inStock: true });

    await setStock(productId, 0);
    const movements = await new StockRepository(inventory.db.db).movements(productId);
    expect(movements.map((m) => [m.delta, m.quantityAfter, m.actorId])).toEqual([
      [12, 12, admin.userId],
      [-12, 0, admin.userId],
    ]);
  });

  it('refuses anonymous callers and customers before asking the catalog', async () => {
    const productId = await inventory.catalog.addProduct();
    const asked = inventory.catalog.requests.count;
    expect(errorCodes(await setStock(productId, 1, null))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await setStock(productId, 1, customer))).toEqual(['FORBIDDEN']);
    expect(await storedStock(productId)).toEqual({ quantity: undefined, movements: 0 });
    expect(inventory.catalog.requests.count).toBe(asked);
  });

  it('refuses a negative quantity with a coded error naming the field', async () => {
    const productId = await inventory.catalog.addProduct();
    const result = await setStock(productId, -1);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/quantity/);
  });

  it.each([
    ['an empty product id', '  '],
    // Random, so PostgreSQL could not compress it under its index row limit.
    ['a product id longer than any id', randomUUID().repeat(280)],
  ])('answers %s as an unknown product (NOT_FOUND), writing nothing', async (_case, productId) => {
    const before = await inventory.db.pool.query('select count(*) as n from stock_movements');
    const result = await execute(inventory.server, inventory.context(admin), SET_STOCK, { productId, quantity: 1 });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(result.errors?.[0]?.message).toBe('There is no product with this id.');
    const after = await inventory.db.pool.query('select count(*) as n from stock_movements');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('keeps stock non-negative in the database itself', async () => {
    await expect(
      inventory.db.pool.query(`insert into stock_levels (product_id, quantity) values ('p-db', -5)`),
    ).rejects.toThrow(/stock_levels_quantity_not_negative/);
  });
});

describe('setStock for a product the catalog does not offer', () => {
  it.each([
    ['an unknown UUID', randomUUID()],
    ['an id that is not a UUID', 'p-unknown'],
  ])('answers NOT_FOUND for %s and writes nothing', async (_label, productId) => {
    const result = await setStock(productId, 5);
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(result.errors?.[0]?.message).toBe(`There is no product ${productId}.`);
    expect(result.data).toEqual({ setStock: null });
    expect(await storedStock(productId)).toEqual({ quantity: undefined, movements: 0 });
  });

  it('answers NOT_FOUND once the product is deleted and keeps the stock it had', async () => {
    const productId = await inventory.catalog.addProduct();
    expect((await setStock(productId, 5)).errors).toBeUndefined();
    await inventory.catalog.deleteProduct(productId);
    const result = await setStock(productId, 7);
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(result.errors?.[0]?.message).toBe(`There is no product ${productId}.`);
    expect(await storedStock(productId)).toEqual({ quantity: 5, movements: 1 });
  });

  it('writes nothing when the catalog cannot be asked', async () => {
    const productId = await inventory.catalog.addProduct();
    // Nothing listens on port 1: the catalog is down.
    const signer = await createIdentitySigner('inventory', await generateSigningJwk());
    const catalog = productCatalogClient({ catalogUrl: 'http://127.0.0.1:1/graphql', signer });
    const cut = createInventoryService({ databaseUrl: inventory.databaseUrl, catalog });
    await cut.server.start();
    try {
      const context = await cut.createContext(baseContext(admin));
      const result = await execute(cut.server, context, SET_STOCK, { productId, quantity: 5 });
      expect(errorCodes(result)).toEqual(['INTERNAL_SERVER_ERROR']);
    } finally {
      await cut.server.stop();
      await cut.close();
    }
    expect(await storedStock(productId)).toEqual({ quantity: undefined, movements: 0 });
  });
});

describe('Product reference resolution', () => {
  it('resolves many products in one query, duplicates included', async () => {
    const productId = await inventory.catalog.addProduct();
    await setStock(productId, 3);
    const representations = [productId, 'p-missing', productId].map((id) => ({ __typename: 'Product', id }));
    inventory.db.queries.reset();
    const result = await execute(inventory.server, inventory.context(), ENTITIES, { representations });
    expect(result.data?._entities).toEqual([
      { id: productId, inStock: true, availableQuantity: 3 },
      { id: 'p-missing', inStock: false, availableQuantity: 0 },
      { id: productId, inStock: true, availableQuantity: 3 },
    ]);
    expect(inventory.db.queries.count).toBe(1);
  });
});
