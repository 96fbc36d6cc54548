import { randomUUID } from 'node:crypto';
import { serviceCaller } from '@agora/subgraph-kit';
import { errorCodes } from '@agora/testing';
import {
  COMMIT,
  forOrder,
  RELEASE,
  reserve,
  RESTOCK,
  setStock,
  statusOf,
  stockOf,
  type ReserveInput,
} from './reservations';
import { admin, customer, startInventory, type InventoryHarness } from './setup';

let inventory: InventoryHarness;
beforeAll(async () => {
  inventory = await startInventory();
});
afterAll(() => inventory.stop());

const valid: ReserveInput = { orderId: 'a-1', items: [{ productId: 'a-p', quantity: 1 }] };

describe('who may hold stock', () => {
  it.each([
    ['anonymous callers', null, 'UNAUTHENTICATED'],
    ['customers', customer, 'UNAUTHENTICATED'],
    ['admins', admin, 'UNAUTHENTICATED'],
    ['a user holding a service role', { userId: 'u-1', roles: ['service'] }, 'UNAUTHENTICATED'],
    ['the cart service', serviceCaller('cart'), 'FORBIDDEN'],
  ])('refuses %s: only the orders service reserves, commits, releases and restocks', async (_who, caller, code) => {
    await setStock(inventory, { 'a-p': 3 });
    expect(errorCodes(await reserve(inventory, valid, caller))).toEqual([code]);
    for (const mutation of [COMMIT, RELEASE, RESTOCK]) {
      expect(errorCodes(await forOrder(inventory, mutation, 'a-1', caller))).toEqual([code]);
    }
    expect(await stockOf(inventory, 'a-p')).toEqual([3]);
    expect(await statusOf(inventory, 'a-1')).toEqual([undefined]);
  });
});

describe('reserveStock input', () => {
  const item = { productId: 'b-p', quantity: 1 };
  it.each<[string, Partial<ReserveInput>, string]>([
    ['an empty order id', { orderId: '  ' }, 'input.orderId: must not be empty'],
    ['no items', { items: [] }, 'input.items: must hold at least one item'],
    [
      'more than 100 items',
      { items: Array.from({ length: 101 }, (_, i) => ({ productId: `b-${i}`, quantity: 1 })) },
      'input.items: must hold at most 100 items',
    ],
    ['a product twice', { items: [item, { ...item, quantity: 2 }] }, 'input.items.1.productId: appears more than once'],
    ['an empty product id', { items: [{ productId: '', quantity: 1 }] }, 'input.items.0.productId: must not be empty'],
    ['an order id longer than any id', { orderId: 'o'.repeat(101) }, 'input.orderId: must be at most 100 characters'],
    [
      'a product id longer than any id',
      { items: [{ productId: randomUUID().repeat(100), quantity: 1 }] },
      'input.items.0.productId: must be at most 100 characters',
    ],
    ['a quantity of 0', { items: [{ ...item, quantity: 0 }] }, 'input.items.0.quantity: must be at least 1'],
    ['a quantity over 1000', { items: [{ ...item, quantity: 1001 }] }, 'input.items.0.quantity: must be at most 1000'],
    ['a ttl under 30 seconds', { ttlSeconds: 29 }, 'input.ttlSeconds: must be at least 30'],
    ['a ttl over a day', { ttlSeconds: 86_401 }, 'input.ttlSeconds: must be at most 86400'],
  ])('refuses %s, naming the field', async (_case, change, message) => {
    await setStock(inventory, { 'b-p': 5 });
    const result = await reserve(inventory, { orderId: 'b-1', items: [item], ...change });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toBe(message);
    expect(await stockOf(inventory, 'b-p')).toEqual([5]);
  });
});
