import { errorCodes } from '@agora/testing';
import { TEST_CARDS } from '../src/card-processor';
import { AUTHORIZE, authorizeInput, card, startPayments, type PaymentsHarness } from './setup';

let payments: PaymentsHarness;
beforeAll(async () => {
  payments = await startPayments();
});
afterAll(() => payments.stop());

async function rowsFor(orderId: string) {
  const { rows } = await payments.db.pool.query<{ amount: number; processor_reference: string | null }>(
    'select amount, processor_reference from payments where order_id = $1',
    [orderId],
  );
  return rows;
}

describe('authorizePayment idempotency per order', () => {
  it('answers a repeated request with the first payment and holds the amount once', async () => {
    const input = authorizeInput();
    const first = await payments.run(AUTHORIZE, { input });
    const second = await payments.run(AUTHORIZE, { input });
    expect(second.errors).toBeUndefined();
    expect(second.data?.authorizePayment).toEqual(first.data?.authorizePayment);
    const rows = await rowsFor(input.orderId);
    expect(rows).toHaveLength(1);
    expect(payments.processor.stateOf(rows[0]?.processor_reference ?? '')).toBe('authorized');
  });

  it('stores one payment for 10 concurrent requests for one order and voids the other holds', async () => {
    const input = authorizeInput();
    const heldBefore = payments.processor.referencesIn('authorized').length;
    const results = await Promise.all(Array.from({ length: 10 }, () => payments.run(AUTHORIZE, { input })));
    for (const result of results) expect(result.errors).toBeUndefined();
    const ids = new Set(results.map((result) => result.data?.authorizePayment.id));
    expect(ids.size).toBe(1);
    const rows = await rowsFor(input.orderId);
    expect(rows).toHaveLength(1);
    // Requests that lost the race voided their own hold: only the stored one is left on the card.
    expect(payments.processor.stateOf(rows[0]?.processor_reference ?? '')).toBe('authorized');
    expect(payments.processor.referencesIn('authorized').length - heldBefore).toBe(1);
  });

  it('keeps the first answer for an order, even a decline, when retried with another card', async () => {
    const input = authorizeInput({ card: card(TEST_CARDS.declined) });
    await payments.run(AUTHORIZE, { input });
    const retry = await payments.run(AUTHORIZE, { input: { ...input, card: card(TEST_CARDS.approves) } });
    expect(retry.data?.authorizePayment).toMatchObject({ status: 'DECLINED', declineReason: 'card_declined' });
    expect(await rowsFor(input.orderId)).toHaveLength(1);
  });

  it('refuses another amount for an order that already has a payment', async () => {
    const input = authorizeInput();
    await payments.run(AUTHORIZE, { input });
    const other = await payments.run(AUTHORIZE, { input: { ...input, amount: input.amount + 1 } });
    expect(errorCodes(other)).toEqual(['CONFLICT']);
    const rows = await rowsFor(input.orderId);
    expect(rows.map((row) => row.amount)).toEqual([input.amount]);
  });
});
