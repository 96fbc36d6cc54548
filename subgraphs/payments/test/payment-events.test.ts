import { outbox, parseEnvelope } from '@agora/events';
import { errorCodes } from '@agora/testing';
import { asc, eq, sql } from 'drizzle-orm';
import { payments as paymentsTable } from '../src/db/schema';
import { AUTHORIZE, authorizeInput, newOrderId, PAYMENT_FIELDS, startPayments, type PaymentsHarness } from './setup';

const CAPTURE = `mutation ($orderId: ID!) { capturePayment(orderId: $orderId) { ${PAYMENT_FIELDS} } }`;

let payments: PaymentsHarness;
beforeAll(async () => {
  payments = await startPayments();
});
afterAll(() => payments.stop());
afterEach(() => jest.restoreAllMocks());

/** The outbox rows about an order, with the transaction that wrote each (`xmin`). */
async function eventsOf(orderId: string) {
  const rows = await payments.db.db
    .select({ row: outbox, xmin: sql<string>`${outbox}.xmin::text` })
    .from(outbox)
    .where(sql`${outbox.payload}->>'orderId' = ${orderId}`)
    .orderBy(asc(outbox.seq));
  return rows.map(({ row, xmin }) => ({
    xmin,
    envelope: parseEnvelope({ ...row, occurredAt: row.occurredAt.toISOString() }),
  }));
}

/** The transaction that last wrote the order's payment row. */
async function paymentXmin(orderId: string): Promise<string | undefined> {
  const [row] = await payments.db.db
    .select({ xmin: sql<string>`${paymentsTable}.xmin::text` })
    .from(paymentsTable)
    .where(eq(paymentsTable.orderId, orderId));
  return row?.xmin;
}

async function authorizedOrder(): Promise<string> {
  const input = authorizeInput({ amount: 3150, currency: 'EUR' });
  expect((await payments.run(AUTHORIZE, { input })).data?.authorizePayment.status).toBe('AUTHORIZED');
  return input.orderId;
}

describe('PaymentCaptured in the payments outbox', () => {
  it('is recorded once, in the transaction that captures the payment', async () => {
    const orderId = await authorizedOrder();
    const captured = await payments.run(CAPTURE, { orderId });
    expect(captured.data?.capturePayment.status).toBe('CAPTURED');
    // A repeated capture answers as is and records nothing more.
    await payments.run(CAPTURE, { orderId });

    const events = await eventsOf(orderId);
    expect(events.map(({ envelope }) => [envelope.type, envelope.version, envelope.source])).toEqual([
      ['PaymentCaptured', 1, 'payments'],
    ]);
    expect(events[0]?.xmin).toBe(await paymentXmin(orderId));
    expect(events[0]?.envelope.payload).toEqual({
      paymentId: captured.data?.capturePayment.id,
      orderId,
      amount: { amount: 3150, currency: 'EUR' },
    });
  });

  it('is not recorded when the processor does not confirm the capture', async () => {
    const orderId = await authorizedOrder();
    jest.spyOn(payments.processor, 'capture').mockReturnValueOnce(new Promise<void>(() => undefined));
    const result = await payments.run(CAPTURE, { orderId });
    expect(result.errors).toHaveLength(1);
    expect((await payments.stored(orderId))?.status).toBe('AUTHORIZED');
    expect(await eventsOf(orderId)).toEqual([]);
  });

  it('is not recorded when a capture is refused (a voided payment)', async () => {
    const orderId = newOrderId();
    await payments.insert([{ orderId, status: 'VOIDED' }]);
    expect(errorCodes(await payments.run(CAPTURE, { orderId }))).toEqual(['CONFLICT']);
    expect(await eventsOf(orderId)).toEqual([]);
  });
});
