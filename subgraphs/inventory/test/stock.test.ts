import { randomUUID } from 'node:crypto';
import { errorCodes, execute } from '@agora/testing';
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

describe('setStock', () => {
  it('lets an admin set stock and records the movement', async () => {
    const first = await execute(inventory.server, inventory.context(admin), SET_STOCK, {
      productId: 'p-set',
      quantity: 12,
    });
    expect(first.errors).toBeUndefined();
    expect(first.data?.setStock).toEqual({ id: 'p-set', availableQuantity: 12, inStock: true });

    await execute(inventory.server, inventory.context(admin), SET_STOCK, { productId: 'p-set', quantity: 0 });
    const movements = await new StockRepository(inventory.db.db).movements('p-set');
    expect(movements.map((m) => [m.delta, m.quantityAfter, m.actorId])).toEqual([
      [12, 12, admin.userId],
      [-12, 0, admin.userId],
    ]);
  });

  it('refuses anonymous callers and customers', async () => {
    const anonymous = await execute(inventory.server, inventory.context(null), SET_STOCK, {
      productId: 'p-x',
      quantity: 1,
    });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    const asCustomer = await execute(inventory.server, inventory.context(customer), SET_STOCK, {
      productId: 'p-x',
      quantity: 1,
    });
    expect(errorCodes(asCustomer)).toEqual(['FORBIDDEN']);
    const quantities = await new StockRepository(inventory.db.db).quantities(['p-x']);
    expect(quantities.size).toBe(0);
  });

  it('refuses a negative quantity with a coded error naming the field', async () => {
    const result = await execute(inventory.server, inventory.context(admin), SET_STOCK, {
      productId: 'p-neg',
      quantity: -1,
    });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/quantity/);
  });

  it.each([
    ['an empty product id', '  ', 'productId: must not be empty'],
    // Random, so PostgreSQL could not compress it under its index row limit.
    ['a product id longer than any id', randomUUID().repeat(280), 'productId: must be at most 100 characters'],
  ])('refuses %s with BAD_USER_INPUT naming productId, writing nothing', async (_case, productId, message) => {
    const before = await inventory.db.pool.query('select count(*) as n from stock_movements');
    const result = await execute(inventory.server, inventory.context(admin), SET_STOCK, { productId, quantity: 1 });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toBe(message);
    expect(result.errors?.[0]?.extensions?.field).toBe('productId');
    const after = await inventory.db.pool.query('select count(*) as n from stock_movements');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('keeps stock non-negative in the database itself', async () => {
    await expect(
      inventory.db.pool.query(`insert into stock_levels (product_id, quantity) values ('p-db', -5)`),
    ).rejects.toThrow(/stock_levels_quantity_not_negative/);
  });
});

describe('Product reference resolution', () => {
  it('resolves many products in one query, duplicates included', async () => {
    await execute(inventory.server, inventory.context(admin), SET_STOCK, { productId: 'p-a', quantity: 3 });
    const representations = ['p-a', 'p-missing', 'p-a'].map((id) => ({ __typename: 'Product', id }));
    inventory.db.queries.reset();
    const result = await execute(inventory.server, inventory.context(), ENTITIES, { representations });
    expect(result.data?._entities).toEqual([
      { id: 'p-a', inStock: true, availableQuantity: 3 },
      { id: 'p-missing', inStock: false, availableQuantity: 0 },
      { id: 'p-a', inStock: true, availableQuantity: 3 },
    ]);
    expect(inventory.db.queries.count).toBe(1);
  });
});
