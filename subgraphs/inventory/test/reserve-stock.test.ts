import { errorCodes } from '@agora/testing';
import { StockRepository } from '../src/stock.repository';
import { reserve, setStock, statusOf, stockOf } from './reservations';
import { startInventory, type InventoryHarness } from './setup';

let inventory: InventoryHarness;
beforeAll(async () => {
  inventory = await startInventory();
});
afterAll(() => inventory.stop());

describe('reserveStock', () => {
  it('holds every line, takes the units off the shelf and records a movement per line', async () => {
    await setStock(inventory, { 'r-a': 10, 'r-b': 4 });
    const before = Date.now();
    const result = await reserve(inventory, {
      orderId: 'order-1',
      items: [
        { productId: 'r-b', quantity: 4 },
        { productId: 'r-a', quantity: 3 },
      ],
      ttlSeconds: 60,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.reserveStock).toMatchObject({
      orderId: 'order-1',
      status: 'HELD',
      items: [
        { productId: 'r-a', quantity: 3 },
        { productId: 'r-b', quantity: 4 },
      ],
    });
    const expiresAt = Date.parse(String(result.data?.reserveStock.expiresAt));
    expect(expiresAt).toBeGreaterThanOrEqual(before + 60_000);
    expect(expiresAt).toBeLessThan(Date.now() + 61_000);
    expect(await stockOf(inventory, 'r-a', 'r-b')).toEqual([7, 0]);
    const movements = await new StockRepository(inventory.db.db).movements('r-a');
    expect(movements.filter((m) => m.reason === 'reserved')).toMatchObject([
      { delta: -3, quantityAfter: 7, orderId: 'order-1', actorId: 'service:orders' },
    ]);
  });

  it('holds units for 15 minutes when no ttl is given', async () => {
    await setStock(inventory, { 'r-ttl': 1 });
    const result = await reserve(inventory, { orderId: 'order-ttl', items: [{ productId: 'r-ttl', quantity: 1 }] });
    const ttl = Date.parse(String(result.data?.reserveStock.expiresAt)) - Date.now();
    expect(ttl).toBeGreaterThan(890_000);
    expect(ttl).toBeLessThanOrEqual(900_000);
  });

  it('reserves nothing when a later line is short, and says which product and how many are left', async () => {
    await setStock(inventory, { 'r-c': 5, 'r-d': 2 });
    const result = await reserve(inventory, {
      orderId: 'order-short',
      items: [
        { productId: 'r-c', quantity: 5 },
        { productId: 'r-d', quantity: 3 },
      ],
    });
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect(result.errors?.[0]?.message).toBe('Not enough stock for product r-d: 2 available');
    expect(result.errors?.[0]?.extensions).toMatchObject({ productId: 'r-d', available: 2 });
    expect(await stockOf(inventory, 'r-c', 'r-d')).toEqual([5, 2]);
    expect(await statusOf(inventory, 'order-short')).toEqual([undefined]);
    const movements = await new StockRepository(inventory.db.db).movements('r-c');
    expect(movements.map((m) => m.reason)).toEqual(['test']);
  });

  it('answers CONFLICT with 0 available for a product that has no stock level', async () => {
    const result = await reserve(inventory, {
      orderId: 'order-none',
      items: [{ productId: 'r-unknown', quantity: 1 }],
    });
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect(result.errors?.[0]?.message).toBe('Not enough stock for product r-unknown: 0 available');
  });

  it('returns the existing reservation when the same order reserves again', async () => {
    await setStock(inventory, { 'r-e': 10 });
    const input = { orderId: 'order-twice', items: [{ productId: 'r-e', quantity: 4 }] };
    const first = await reserve(inventory, input);
    const second = await reserve(inventory, { ...input, items: [{ productId: 'r-e', quantity: 6 }] });
    expect(second.errors).toBeUndefined();
    expect(second.data?.reserveStock).toEqual(first.data?.reserveStock);
    expect(await stockOf(inventory, 'r-e')).toEqual([6]);
  });

  it('holds the units once when the same order reserves concurrently', async () => {
    await setStock(inventory, { 'r-f': 10 });
    const input = { orderId: 'order-race', items: [{ productId: 'r-f', quantity: 3 }] };
    const results = await Promise.all(Array.from({ length: 8 }, () => reserve(inventory, input)));
    expect(results.flatMap(errorCodes)).toEqual([]);
    expect(new Set(results.map((r) => r.data?.reserveStock.orderId))).toEqual(new Set(['order-race']));
    expect(await stockOf(inventory, 'r-f')).toEqual([7]);
    const { rows } = await inventory.db.pool.query(`select * from reservation_lines where order_id = 'order-race'`);
    expect(rows).toHaveLength(1);
  });
});
