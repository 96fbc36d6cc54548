import { baseContext, createTestDatabase, execute } from '@agora/testing';
import { serviceCaller, type Caller } from '@agora/subgraph-kit';
import { createPaymentsService, type PaymentsService, type PaymentsServiceOptions } from '../src/app';
import { SimulatedCardProcessor, TEST_CARDS, type SimulatedCardProcessorOptions } from '../src/card-processor';
import type { Context } from '../src/context';
import { MIGRATIONS_FOLDER } from '../src/db';
import { payments, type NewPayment, type PaymentRow } from '../src/db/schema';
import { PaymentRepository } from '../src/payment.repository';

export type PaymentsHarness = PaymentsService & {
  processor: SimulatedCardProcessor;
  context: (caller?: Caller | null) => Context;
  /** Runs an operation as `caller` (the orders service unless told). */
  run: (
    query: string,
    variables?: Record<string, unknown>,
    caller?: Caller | null,
  ) => ReturnType<typeof execute<Context>>;
  /** Inserts payments straight into the table (test data). */
  insert: (rows: (Partial<NewPayment> & { orderId: string })[]) => Promise<void>;
  /** The stored payment of an order, straight from the table. */
  stored: (orderId: string) => Promise<PaymentRow | null>;
  /** Rows in the payments table. */
  count: () => Promise<number>;
  stop: () => Promise<void>;
};

/** A migrated database of this test file's own and the payments service over the simulated processor. */
export async function startPayments(
  options: Pick<PaymentsServiceOptions, 'processorTimeoutMs'> & SimulatedCardProcessorOptions = {},
): Promise<PaymentsHarness> {
  const database = await createTestDatabase('payments', MIGRATIONS_FOLDER);
  const processor = new SimulatedCardProcessor(options);
  const service = createPaymentsService({
    databaseUrl: database.url,
    processor,
    processorTimeoutMs: options.processorTimeoutMs ?? 50,
  });
  await service.server.start();
  const context = (caller: Caller | null = null) => service.createContext(baseContext(caller)) as Context;
  return {
    ...service,
    processor,
    context,
    run: (query, variables = {}, caller = ordersService) => execute(service.server, context(caller), query, variables),
    insert: async (rows) => {
      await service.db.db.insert(payments).values(
        rows.map((row) => ({
          userId: alice.userId,
          amount: 1999,
          currency: 'EUR',
          status: 'AUTHORIZED' as const,
          last4: '4242',
          brand: 'visa',
          processorReference: `ref-${row.orderId}`,
          ...row,
        })),
      );
    },
    stored: (orderId) => new PaymentRepository(service.db.db).byOrderId(orderId),
    count: async () => await service.db.db.$count(payments),
    stop: async () => {
      await service.server.stop();
      await service.close();
      await database.drop();
    },
  };
}

export const ordersService: Caller = serviceCaller('orders');
export const alice: Caller = { userId: 'user-alice', roles: ['customer'] };
export const bob: Caller = { userId: 'user-bob', roles: ['customer'] };
export const admin: Caller = { userId: 'user-admin', roles: ['customer', 'admin'] };

export const PAYMENT_FIELDS = 'id status amount { amount currency } last4 brand declineReason createdAt';

export const AUTHORIZE = `mutation ($input: AuthorizePaymentInput!) {
  authorizePayment(input: $input) { ${PAYMENT_FIELDS} }
}`;

let orderCounter = 0;
/** An order id no other test uses. */
export function newOrderId(): string {
  orderCounter += 1;
  return `order-${process.pid}-${orderCounter}`;
}

/** A card that expires at the end of next year. */
export function card(cardNumber: string = TEST_CARDS.approves, overrides: Record<string, unknown> = {}) {
  return { cardNumber, expMonth: 12, expYear: new Date().getUTCFullYear() + 1, cvc: '123', ...overrides };
}

export function authorizeInput(overrides: Record<string, unknown> = {}) {
  return { orderId: newOrderId(), userId: alice.userId, amount: 2599, currency: 'EUR', card: card(), ...overrides };
}
