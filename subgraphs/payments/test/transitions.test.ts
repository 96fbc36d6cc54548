import { serviceCaller } from '@agora/subgraph-kit';
import { errorCodes } from '@agora/testing';
import type { PaymentStatus } from '../src/db/schema';
import { AUTHORIZE, authorizeInput, newOrderId, PAYMENT_FIELDS, startPayments, type PaymentsHarness } from './setup';

const CAPTURE = `mutation ($orderId: ID!) { capturePayment(orderId: $orderId) { ${PAYMENT_FIELDS} } }`;
const VOID = `mutation ($orderId: ID!) { voidPayment(orderId: $orderId) { ${PAYMENT_FIELDS} } }`;
const REFUND = `mutation ($orderId: ID!) { refundPayment(orderId: $orderId) { ${PAYMENT_FIELDS} } }`;

let payments: PaymentsHarness;
beforeAll(async () => {
  payments = await startPayments();
});
afterAll(() => payments.stop());

/** An order with a payment authorized through the API (so the processor holds it). */
async function authorizedOrder(): Promise<{ orderId: string; reference: string }> {
  const input = authorizeInput();
  const result = await payments.run(AUTHORIZE, { input });
  expect(result.data?.authorizePayment.status).toBe('AUTHORIZED');
  const reference = (await payments.stored(input.orderId))?.processorReference;
  if (!reference) throw new Error('no processor reference stored');
  return { orderId: input.orderId, reference };
}

describe('capturePayment, voidPayment and refundPayment', () => {
  it('captures an authorized payment at the processor, and answers a repeated capture as is', async () => {
    const { orderId, reference } = await authorizedOrder();
    const captured = await payments.run(CAPTURE, { orderId });
    expect(captured.errors).toBeUndefined();
    expect(captured.data?.capturePayment.status).toBe('CAPTURED');
    expect(payments.processor.stateOf(reference)).toBe('captured');
    const again = await payments.run(CAPTURE, { orderId });
    expect(again.data?.capturePayment).toEqual(captured.data?.capturePayment);
  });

  it('voids an authorized payment, releasing the hold', async () => {
    const { orderId, reference } = await authorizedOrder();
    const voided = await payments.run(VOID, { orderId });
    expect(voided.errors).toBeUndefined();
    expect(voided.data?.voidPayment.status).toBe('VOIDED');
    expect(payments.processor.stateOf(reference)).toBe('voided');
    expect((await payments.run(VOID, { orderId })).data?.voidPayment.status).toBe('VOIDED');
  });

  it('refunds a captured payment', async () => {
    const { orderId, reference } = await authorizedOrder();
    await payments.run(CAPTURE, { orderId });
    const refunded = await payments.run(REFUND, { orderId });
    expect(refunded.errors).toBeUndefined();
    expect(refunded.data?.refundPayment.status).toBe('REFUNDED');
    expect(payments.processor.stateOf(reference)).toBe('refunded');
  });

  it.each<[PaymentStatus, string, string]>([
    ['AUTHORIZED', 'refund', REFUND],
    ['VOIDED', 'capture', CAPTURE],
    ['VOIDED', 'refund', REFUND],
    ['CAPTURED', 'void', VOID],
    ['REFUNDED', 'capture', CAPTURE],
    ['REFUNDED', 'void', VOID],
    ['DECLINED', 'capture', CAPTURE],
    ['DECLINED', 'void', VOID],
    ['DECLINED', 'refund', REFUND],
  ])('refuses to move a %s payment with %s (CONFLICT) and leaves it as it was', async (status, _verb, mutation) => {
    const orderId = newOrderId();
    await payments.insert([
      status === 'DECLINED'
        ? { orderId, status, declineReason: 'card_declined', processorReference: null }
        : { orderId, status },
    ]);
    const result = await payments.run(mutation, { orderId });
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect((await payments.stored(orderId))?.status).toBe(status);
  });

  it.each([
    ['an order without payment', newOrderId()],
    ['an empty order id', ''],
    ['blank order id', '   '],
    ['an order id longer than any id', 'o'.repeat(10_000)],
  ])('answers NOT_FOUND to a capture and null to a void or refund for %s', async (_case, orderId) => {
    expect(errorCodes(await payments.run(CAPTURE, { orderId }))).toEqual(['NOT_FOUND']);
    expect((await payments.run(VOID, { orderId })).data).toEqual({ voidPayment: null });
    expect((await payments.run(REFUND, { orderId })).data).toEqual({ refundPayment: null });
  });
});

describe('internal payment mutations', () => {
  const customer = { userId: 'user-alice', roles: ['customer'] };
  const admin = { userId: 'user-admin', roles: ['customer', 'admin'] };
  const serviceRoleUser = { userId: 'user-svc', roles: ['service'] };
  const mutations: [string, string, Record<string, unknown>][] = [
    ['authorizePayment', AUTHORIZE, { input: authorizeInput() }],
    ['capturePayment', CAPTURE, { orderId: 'order-x' }],
    ['voidPayment', VOID, { orderId: 'order-x' }],
    ['refundPayment', REFUND, { orderId: 'order-x' }],
  ];

  it.each(mutations)(
    'refuses %s to anyone but the orders service: another service FORBIDDEN, users UNAUTHENTICATED',
    async (_name, query, variables) => {
      const before = await payments.count();
      expect(errorCodes(await payments.run(query, variables, serviceCaller('cart')))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await payments.run(query, variables, customer))).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await payments.run(query, variables, admin))).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await payments.run(query, variables, serviceRoleUser))).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await payments.run(query, variables, null))).toEqual(['UNAUTHENTICATED']);
      expect(await payments.count()).toBe(before);
    },
  );
});
