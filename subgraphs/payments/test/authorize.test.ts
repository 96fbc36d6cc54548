import { MAX_MONEY_AMOUNT } from '@agora/subgraph-kit';
import { errorCodes, waitFor } from '@agora/testing';
import { TEST_CARDS } from '../src/card-processor';
import { AUTHORIZE, authorizeInput, card, startPayments, type PaymentsHarness } from './setup';

const CAPTURE = `mutation ($orderId: ID!) { capturePayment(orderId: $orderId) { status amount { amount } } }`;

let payments: PaymentsHarness;
beforeAll(async () => {
  payments = await startPayments({ processorTimeoutMs: 50 });
});
afterAll(() => payments.stop());

describe('authorizePayment', () => {
  it('holds the amount on an approved card and keeps only its last four digits and brand', async () => {
    const input = authorizeInput({ amount: 4999, currency: 'USD', card: card('4242 4242 4242 4242') });
    const result = await payments.run(AUTHORIZE, { input });
    expect(result.errors).toBeUndefined();
    const payment = result.data?.authorizePayment;
    expect(payment).toMatchObject({
      status: 'AUTHORIZED',
      amount: { amount: 4999, currency: 'USD' },
      last4: '4242',
      brand: 'visa',
      declineReason: null,
    });
    expect(new Date(payment.createdAt).toISOString()).toBe(payment.createdAt);
    const row = await payments.stored(input.orderId);
    expect(row?.id).toBe(payment.id);
    expect(payments.processor.stateOf(row?.processorReference ?? '')).toBe('authorized');
  });

  it.each([
    ['card_declined', TEST_CARDS.declined],
    ['insufficient_funds', TEST_CARDS.insufficientFunds],
  ])('answers a refused card with a DECLINED payment (%s), not an error', async (reason, number) => {
    const result = await payments.run(AUTHORIZE, { input: authorizeInput({ card: card(number) }) });
    expect(result.errors).toBeUndefined();
    expect(result.data?.authorizePayment).toMatchObject({
      status: 'DECLINED',
      declineReason: reason,
      last4: number.slice(-4),
    });
  });

  it('declines with processor_timeout when the processor does not answer in time', async () => {
    const started = Date.now();
    const result = await payments.run(AUTHORIZE, { input: authorizeInput({ card: card(TEST_CARDS.neverAnswers) }) });
    expect(result.errors).toBeUndefined();
    expect(result.data?.authorizePayment).toMatchObject({ status: 'DECLINED', declineReason: 'processor_timeout' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it.each([
    ['mastercard', '5555 5555 5555 4444'],
    ['card', '3782 822463 10005'],
  ])('approves any other valid number and names its brand (%s)', async (brand, number) => {
    const result = await payments.run(AUTHORIZE, { input: authorizeInput({ card: card(number) }) });
    expect(result.data?.authorizePayment).toMatchObject({ status: 'AUTHORIZED', brand, last4: number.slice(-4) });
  });
});

describe('authorizePayment when the processor answers after the timeout', () => {
  let slow: PaymentsHarness;
  beforeAll(async () => {
    slow = await startPayments({ processorTimeoutMs: 30, lateApprovalMs: 150 });
  });
  afterAll(() => slow.stop());

  it('records the decline and voids the late authorization so no hold is left on the card', async () => {
    const result = await slow.run(AUTHORIZE, { input: authorizeInput({ card: card(TEST_CARDS.neverAnswers) }) });
    expect(result.errors).toBeUndefined();
    expect(result.data?.authorizePayment).toMatchObject({ status: 'DECLINED', declineReason: 'processor_timeout' });
    await waitFor(() => slow.processor.referencesIn('voided').length === 1);
    expect(slow.processor.referencesIn('authorized')).toEqual([]);
  });
});

describe('authorizePayment amounts', () => {
  it.each([
    ['the bound on every amount in Agora', MAX_MONEY_AMOUNT],
    ['nothing, for a free order', 0],
  ])('authorizes and captures %s (%i), as the cart and checkout accept it', async (_label, amount) => {
    const input = authorizeInput({ amount });
    expect((await payments.run(AUTHORIZE, { input })).data?.authorizePayment).toMatchObject({
      status: 'AUTHORIZED',
      amount: { amount },
    });
    const captured = await payments.run(CAPTURE, { orderId: input.orderId });
    expect(captured.errors).toBeUndefined();
    expect(captured.data?.capturePayment).toMatchObject({ status: 'CAPTURED', amount: { amount } });
  });
});

describe('authorizePayment input', () => {
  it.each([
    ['a negative amount', { amount: -1 }, 'input.amount'],
    ['an amount over 100,000,000', { amount: MAX_MONEY_AMOUNT + 1 }, 'input.amount'],
    ['a lower-case currency', { currency: 'eur' }, 'input.currency'],
    ['a four-letter currency', { currency: 'EURO' }, 'input.currency'],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_label, overrides, field) => {
    const before = await payments.count();
    const result = await payments.run(AUTHORIZE, { input: authorizeInput(overrides) });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.extensions?.field).toBe(field);
    expect(await payments.count()).toBe(before);
  });
});
