import { errorCodes } from '@agora/testing';
import { StockRepository } from '../src/stock.repository';
import { reserve, setStock, stockOf } from './reservations';
import { startInventory, type InventoryHarness } from './setup';

let inventory: InventoryHarness;
beforeAll(async () => {
  inventory = await startInventory();
});
afterAll(() => inventory.stop());

it('never sells more units than are on hand when 50 orders reserve the last 5 at once', async () => {
  await setStock(inventory, { 'hot-item': 5 });
  // executeOperation in one process over a pool of 10 connections: the
  // transactions really do run concurrently in PostgreSQL.
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      reserve(inventory, { orderId: `rush-${i}`, items: [{ productId: 'hot-item', quantity: 1 }] }),
    ),
  );

  const held = results.filter((r) => r.data?.reserveStock?.status === 'HELD');
  const refused = results.flatMap(errorCodes);
  expect(held).toHaveLength(5);
  expect(refused).toEqual(Array.from({ length: 45 }, () => 'CONFLICT'));
  expect(await stockOf(inventory, 'hot-item')).toEqual([0]);

  const { rows } = await inventory.db.pool.query<{ count: string }>(
    `select count(*) from reservations where status = 'HELD'`,
  );
  expect(Number(rows[0]?.count)).toBe(5);
  // Every step the stock went through, not only the end: never below zero.
  const movements = await new StockRepository(inventory.db.db).movements('hot-item');
  const reserved = movements.filter((m) => m.reason === 'reserved');
  expect(reserved.map((m) => m.quantityAfter).sort()).toEqual([0, 1, 2, 3, 4]);
});

it('holds many products for concurrent orders without deadlocking, whatever order the lines come in', async () => {
  const products = ['mix-a', 'mix-b', 'mix-c', 'mix-d'];
  await setStock(inventory, Object.fromEntries(products.map((id) => [id, 100])));
  const results = await Promise.all(
    Array.from({ length: 30 }, (_, i) => {
      // Each order lists the products rotated differently.
      const items = products.map((_, j) => ({ productId: products[(i + j) % products.length] ?? '', quantity: 1 }));
      return reserve(inventory, { orderId: `mix-${i}`, items: i % 2 ? items.reverse() : items });
    }),
  );
  expect(results.flatMap(errorCodes)).toEqual([]);
  expect(await stockOf(inventory, ...products)).toEqual([70, 70, 70, 70]);
});
