import { errorCodes } from '@agora/testing';
import { TEST_CARDS } from '../src/card-processor';
import { AUTHORIZE, authorizeInput, card, startPayments, type PaymentsHarness } from './setup';

let payments: PaymentsHarness;
beforeAll(async () => {
  payments = await startPayments();
});
afterAll(() => payments.stop());

const now = new Date();
const thisYear = now.getUTCFullYear();
const thisMonth = now.getUTCMonth() + 1;
// Last month is in last year in January: then the year is what is wrong.
const lastMonth =
  thisMonth === 1
    ? { overrides: { expMonth: 12, expYear: thisYear - 1 }, field: 'input.card.expYear' }
    : { overrides: { expMonth: thisMonth - 1, expYear: thisYear }, field: 'input.card.expMonth' };

describe('authorizePayment card checks', () => {
  it.each([
    ['a number failing the Luhn check', card('4242 4242 4242 4241'), 'input.card.cardNumber'],
    ['a number of 11 digits', card('42424242424'), 'input.card.cardNumber'],
    ['a number of 20 digits', card('42424242424242424242'), 'input.card.cardNumber'],
    ['a number with dots between its groups', card('4242.4242.4242.4242'), 'input.card.cardNumber'],
    ['an empty number', card(''), 'input.card.cardNumber'],
    ['month 0', card(TEST_CARDS.approves, { expMonth: 0 }), 'input.card.expMonth'],
    ['month 13', card(TEST_CARDS.approves, { expMonth: 13 }), 'input.card.expMonth'],
    ['a card that expired last year', card(TEST_CARDS.approves, { expYear: thisYear - 1 }), 'input.card.expYear'],
    ['a card that expired last month', card(TEST_CARDS.approves, lastMonth.overrides), lastMonth.field],
    ['a two-digit year', card(TEST_CARDS.approves, { expYear: 30 }), 'input.card.expYear'],
    ['a year after 2199', card(TEST_CARDS.approves, { expYear: 2200 }), 'input.card.expYear'],
    ['a CVC of 2 digits', card(TEST_CARDS.approves, { cvc: '12' }), 'input.card.cvc'],
    ['a CVC of 5 digits', card(TEST_CARDS.approves, { cvc: '12345' }), 'input.card.cvc'],
    ['a CVC with letters', card(TEST_CARDS.approves, { cvc: '12a' }), 'input.card.cvc'],
  ])(
    'refuses %s with BAD_USER_INPUT naming the field, writes nothing and asks no processor',
    async (_label, bad, field) => {
      const before = await payments.count();
      const holdsBefore = payments.processor.referencesIn('authorized').length;
      const result = await payments.run(AUTHORIZE, { input: authorizeInput({ card: bad }) });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.message).toMatch(new RegExp(`^${field.replace(/\./g, '\\.')}: `));
      expect(result.errors?.[0]?.extensions?.field).toBe(field);
      expect(await payments.count()).toBe(before);
      expect(payments.processor.referencesIn('authorized')).toHaveLength(holdsBefore);
    },
  );

  it('accepts a card that expires at the end of this month, and a 4-digit CVC', async () => {
    const result = await payments.run(AUTHORIZE, {
      input: authorizeInput({
        card: card(TEST_CARDS.approves, { expMonth: thisMonth, expYear: thisYear, cvc: '1234' }),
      }),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.authorizePayment.status).toBe('AUTHORIZED');
  });

  it.each([
    ['dashes', '5555-5555-5555-4444'],
    ['spaces', '5555 5555 5555 4444'],
  ])(
    'accepts a number with %s between its groups, as checkout does, and keeps its last four digits',
    async (_label, number) => {
      const result = await payments.run(AUTHORIZE, { input: authorizeInput({ card: card(number) }) });
      expect(result.errors).toBeUndefined();
      expect(result.data?.authorizePayment).toMatchObject({ status: 'AUTHORIZED', last4: '4444', brand: 'mastercard' });
    },
  );
});

describe('what payments stores of a card', () => {
  it('has no column that could hold a card number or CVC', async () => {
    const { rows } = await payments.db.pool.query<{ column_name: string }>(
      `select column_name from information_schema.columns where table_name = 'payments' order by column_name`,
    );
    expect(rows.map((row) => row.column_name)).toEqual([
      'amount',
      'brand',
      'created_at',
      'currency',
      'decline_reason',
      'id',
      'last4',
      'order_id',
      'processor_reference',
      'status',
      'updated_at',
      'user_id',
    ]);
  });

  it('keeps only the last four digits of the number in the stored row', async () => {
    const input = authorizeInput({ card: card('5555 5555 5555 4444') });
    await payments.run(AUTHORIZE, { input });
    const { rows } = await payments.db.pool.query<{ row: string }>(
      `select row_to_json(p)::text as row from payments p where order_id = $1`,
      [input.orderId],
    );
    expect(rows).toHaveLength(1);
    const stored = rows[0]?.row ?? '';
    expect(stored).toContain('"last4":"4444"');
    expect(stored).not.toContain('5555555555554444');
    expect(stored).not.toContain('555555554444');
  });

  it.each([
    ['an unknown status', `'PENDING', 100`, /payments_status_known/],
    ['a negative amount', `'AUTHORIZED', -1`, /payments_amount_within_bound/],
    ['an amount over the money bound', `'AUTHORIZED', 100000001`, /payments_amount_within_bound/],
  ])('refuses %s whatever the code does', async (_label, values, constraint) => {
    await expect(
      payments.db.pool.query(
        `insert into payments (order_id, user_id, status, amount, currency, last4, brand)
         values ('order-db-check', 'u', ${values}, 'EUR', '4242', 'visa')`,
      ),
    ).rejects.toThrow(constraint);
  });
});
