import { randomUUID } from 'node:crypto';
import { createLogger, type Caller, type Logger } from '@agora/subgraph-kit';
import { baseContext, createTestDatabase } from '@agora/testing';
import pino from 'pino';
import { createOrdersService, type OrdersService, type OrdersServiceOptions } from '../src/app';
import type { CheckoutInput } from '../src/checkout/input';
import type { Context } from '../src/context';
import { MIGRATIONS_FOLDER } from '../src/db';
import { orderItems, orders, type NewOrder, type NewOrderItem, type OrderRow } from '../src/db/schema';

export type OrdersHarness = OrdersService & {
  context: (caller?: Caller | null) => Context;
  /** Inserts an order straight into the tables (test data) with one line per item; its cart is settled unless PENDING. */
  insertOrder: (order: Partial<NewOrder> & { userId: string }, items?: Partial<NewOrderItem>[]) => Promise<OrderRow>;
  /** Rows in the orders table. */
  count: () => Promise<number>;
  stop: () => Promise<void>;
};

/** A migrated database of this test file's own and the orders service over it. */
export async function startOrders(
  ports: OrdersServiceOptions['ports'],
  options: Partial<OrdersServiceOptions> = {},
): Promise<OrdersHarness> {
  const database = await createTestDatabase('orders', MIGRATIONS_FOLDER);
  const service = createOrdersService({ databaseUrl: database.url, ports, ...options });
  await service.server.start();
  return {
    ...service,
    context: (caller = null) => service.createContext(baseContext(caller)) as Context,
    insertOrder: async (order, items = [{}]) => {
      const [row] = await service.db.db
        .insert(orders)
        .values({
          status: 'CONFIRMED',
          totalAmount: 1000,
          currency: 'EUR',
          shippingAddress: ADDRESS,
          idempotencyKey: randomUUID(),
          requestHash: 'test',
          // An order of the past let go of its cart long ago; one still PENDING has not yet.
          cartSettledAt: order.status === 'PENDING' ? null : new Date(),
          ...order,
        })
        .returning();
      if (!row) throw new Error('no order inserted');
      await service.db.db.insert(orderItems).values(
        items.map((item, i) => ({
          orderId: row.id,
          productId: `p-${i}`,
          productName: `Product ${i}`,
          quantity: 1,
          unitAmount: 1000,
          currency: 'EUR',
          ...item,
        })),
      );
      return row;
    },
    count: async () => await service.db.db.$count(orders),
    stop: async () => {
      await service.server.stop();
      await service.close();
      await database.drop();
    },
  };
}

export const ADDRESS = {
  name: 'Alice Example',
  line1: 'Hauptstraße 1',
  line2: null,
  city: 'Berlin',
  postalCode: '10115',
  country: 'DE',
};

/** A valid checkout input for `card` (digits only) with a fresh idempotency key. */
export function checkoutInput(card = '4242424242424242', key = `key-${randomUUID()}`): CheckoutInput {
  return {
    idempotencyKey: key,
    shippingAddress: { ...ADDRESS },
    payment: { cardNumber: card, expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123' },
  };
}

/** A caller with a user id of its own, so tests never share carts or orders. */
export function newCustomer(): Caller {
  return { userId: `user-${randomUUID()}`, roles: ['customer'] };
}

export const admin: Caller = { userId: 'user-admin', roles: ['customer', 'admin'] };

export const silentLog: Logger = createLogger('test', 'silent');

/** A logger whose error lines a test can read. */
export function capturingLog(): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const log = pino(
    { level: 'error' },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { log, lines };
}
