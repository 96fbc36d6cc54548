import { createLogger } from '@agora/subgraph-kit';
import { errorCodes, waitFor } from '@agora/testing';
import { createInventoryService } from '../src/app';
import { StockRepository } from '../src/stock.repository';
import { COMMIT, forOrder, reserve, setStock, statusOf, stockOf } from './reservations';
import { startInventory, type InventoryHarness } from './setup';

let inventory: InventoryHarness;
beforeAll(async () => {
  inventory = await startInventory();
});
afterAll(() => inventory.stop());

const inSeconds = (seconds: number): Date => new Date(Date.now() + seconds * 1000);

async function hold(orderId: string, productId: string, quantity: number, ttlSeconds: number): Promise<void> {
  const result = await reserve(inventory, { orderId, items: [{ productId, quantity }], ttlSeconds });
  expect(result.errors).toBeUndefined();
}

describe('releaseExpired', () => {
  it('expires held reservations past their expiry and leaves the rest alone', async () => {
    await setStock(inventory, { 'x-a': 10 });
    await hold('x-due', 'x-a', 3, 60);
    await hold('x-later', 'x-a', 2, 3600);
    await hold('x-sold', 'x-a', 1, 60);
    await forOrder(inventory, COMMIT, 'x-sold');
    expect(await stockOf(inventory, 'x-a')).toEqual([4]);

    const expired = await inventory.reservations.releaseExpired(inSeconds(61));

    expect(expired.map((r) => [r.orderId, r.status])).toEqual([['x-due', 'EXPIRED']]);
    expect(await statusOf(inventory, 'x-due', 'x-later', 'x-sold')).toEqual(['EXPIRED', 'HELD', 'COMMITTED']);
    expect(await stockOf(inventory, 'x-a')).toEqual([7]);
    const movements = await new StockRepository(inventory.db.db).movements('x-a');
    expect(movements.filter((m) => m.reason === 'expired')).toMatchObject([
      { delta: 3, quantityAfter: 7, orderId: 'x-due', actorId: 'service:inventory' },
    ]);
  });

  it('returns the units once when sweeps overlap', async () => {
    await setStock(inventory, { 'x-b': 5, 'x-c': 5 });
    const result = await reserve(inventory, {
      orderId: 'x-overlap',
      items: [
        { productId: 'x-b', quantity: 2 },
        { productId: 'x-c', quantity: 5 },
      ],
      ttlSeconds: 30,
    });
    expect(result.errors).toBeUndefined();
    const sweeps = await Promise.all(
      Array.from({ length: 4 }, () => inventory.reservations.releaseExpired(inSeconds(31))),
    );
    expect(sweeps.flat().filter((r) => r.orderId === 'x-overlap')).toHaveLength(1);
    expect(await stockOf(inventory, 'x-b', 'x-c')).toEqual([5, 5]);
  });

  it('refuses to commit an order whose reservation expired', async () => {
    await setStock(inventory, { 'x-d': 1 });
    await hold('x-late', 'x-d', 1, 30);
    await inventory.reservations.releaseExpired(inSeconds(31));
    const result = await forOrder(inventory, COMMIT, 'x-late');
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect(result.errors?.[0]?.message).toMatch(/EXPIRED/);
  });
});

describe('the running service', () => {
  it('sweeps expired reservations on its interval', async () => {
    await setStock(inventory, { 'x-e': 2 });
    await hold('x-swept', 'x-e', 2, 30);
    await inventory.db.pool.query(
      `update reservations set expires_at = now() - interval '1 second' where order_id = 'x-swept'`,
    );
    const running = createInventoryService({
      databaseUrl: inventory.databaseUrl,
      catalog: inventory.catalog.client,
      reservationSweepIntervalMs: 20,
      logger: createLogger('inventory-test', 'silent'),
    });
    try {
      await waitFor(async () => (await statusOf(inventory, 'x-swept'))[0] !== 'HELD', {
        timeoutMs: 5_000,
        intervalMs: 10,
      });
    } finally {
      await running.close();
    }
    expect(await statusOf(inventory, 'x-swept')).toEqual(['EXPIRED']);
    expect(await stockOf(inventory, 'x-e')).toEqual([2]);
  });
});
