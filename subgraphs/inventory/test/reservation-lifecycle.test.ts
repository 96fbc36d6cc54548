import { errorCodes } from '@agora/testing';
import { StockRepository } from '../src/stock.repository';
import { COMMIT, forOrder, RELEASE, reserve, RESTOCK, setStock, stockOf } from './reservations';
import { startInventory, type InventoryHarness } from './setup';

let inventory: InventoryHarness;
beforeAll(async () => {
  inventory = await startInventory();
});
afterAll(() => inventory.stop());

/** A product with `stock` units and an order holding `held` of them. */
async function held(orderId: string, productId: string, stock: number, heldUnits: number): Promise<void> {
  await setStock(inventory, { [productId]: stock });
  const result = await reserve(inventory, { orderId, items: [{ productId, quantity: heldUnits }] });
  expect(result.errors).toBeUndefined();
}

describe('commitReservation', () => {
  it('commits a held reservation once and keeps the units sold', async () => {
    await held('c-1', 'lc-a', 5, 2);
    const first = await forOrder(inventory, COMMIT, 'c-1');
    expect(first.data?.commitReservation).toMatchObject({
      status: 'COMMITTED',
      items: [{ productId: 'lc-a', quantity: 2 }],
    });
    const again = await forOrder(inventory, COMMIT, 'c-1');
    expect(again.data?.commitReservation).toMatchObject({ status: 'COMMITTED' });
    expect(await stockOf(inventory, 'lc-a')).toEqual([3]);
  });

  it('refuses to commit a released reservation: its units are back on the shelf', async () => {
    await held('c-2', 'lc-b', 5, 2);
    await forOrder(inventory, RELEASE, 'c-2');
    const result = await forOrder(inventory, COMMIT, 'c-2');
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect(result.errors?.[0]?.message).toMatch(/RELEASED/);
  });

  it('answers NOT_FOUND for an order without a reservation', async () => {
    expect(errorCodes(await forOrder(inventory, COMMIT, 'c-missing'))).toEqual(['NOT_FOUND']);
  });
});

describe('releaseReservation', () => {
  it('puts held units back once, however often it is called', async () => {
    await held('r-1', 'lr-a', 5, 4);
    expect(await stockOf(inventory, 'lr-a')).toEqual([1]);
    const first = await forOrder(inventory, RELEASE, 'r-1');
    expect(first.data?.releaseReservation).toMatchObject({ orderId: 'r-1', status: 'RELEASED' });
    const again = await forOrder(inventory, RELEASE, 'r-1');
    expect(again.data?.releaseReservation).toMatchObject({ status: 'RELEASED' });
    expect(await stockOf(inventory, 'lr-a')).toEqual([5]);
    const movements = await new StockRepository(inventory.db.db).movements('lr-a');
    expect(movements.filter((m) => m.reason === 'released')).toMatchObject([
      { delta: 4, quantityAfter: 5, orderId: 'r-1', actorId: 'service:orders' },
    ]);
  });

  it('answers null for an order without a reservation', async () => {
    const result = await forOrder(inventory, RELEASE, 'r-missing');
    expect(result.errors).toBeUndefined();
    expect(result.data?.releaseReservation).toBeNull();
  });

  it('refuses to release a committed reservation and keeps its units sold', async () => {
    await held('r-2', 'lr-b', 5, 2);
    await forOrder(inventory, COMMIT, 'r-2');
    expect(errorCodes(await forOrder(inventory, RELEASE, 'r-2'))).toEqual(['CONFLICT']);
    expect(await stockOf(inventory, 'lr-b')).toEqual([3]);
  });
});

describe('restockOrder', () => {
  it('puts a committed order units back once, however often it is called', async () => {
    await held('s-1', 'ls-a', 6, 5);
    await forOrder(inventory, COMMIT, 's-1');
    const first = await forOrder(inventory, RESTOCK, 's-1');
    expect(first.data?.restockOrder).toMatchObject({
      status: 'RESTOCKED',
      items: [{ productId: 'ls-a', quantity: 5 }],
    });
    const again = await forOrder(inventory, RESTOCK, 's-1');
    expect(again.data?.restockOrder).toMatchObject({ status: 'RESTOCKED' });
    expect(await stockOf(inventory, 'ls-a')).toEqual([6]);
    const movements = await new StockRepository(inventory.db.db).movements('ls-a');
    expect(movements.filter((m) => m.reason === 'restocked')).toMatchObject([{ delta: 5, quantityAfter: 6 }]);
  });

  it('answers null for an order without a reservation', async () => {
    const result = await forOrder(inventory, RESTOCK, 's-missing');
    expect(result.errors).toBeUndefined();
    expect(result.data?.restockOrder).toBeNull();
  });

  it('refuses to restock units that are only held', async () => {
    await held('s-2', 'ls-b', 3, 1);
    expect(errorCodes(await forOrder(inventory, RESTOCK, 's-2'))).toEqual(['CONFLICT']);
    expect(await stockOf(inventory, 'ls-b')).toEqual([2]);
  });
});
