import { cardSchema, passesLuhn } from '../src/payments/card';

/** Mid-June 2030, UTC: the clock the expiry cases are read at. */
const card = cardSchema(() => new Date(Date.UTC(2030, 5, 15)));
const valid = { cardNumber: '4242424242424242', expMonth: 12, expYear: 2031, cvc: '123' };

/** The first issue of `input` as `field: message`, or null when the card passes. */
function firstIssue(input: Record<string, unknown>): string | null {
  const result = card.safeParse({ ...valid, ...input });
  if (result.success) return null;
  const [issue] = result.error.issues;
  return `${issue?.path.join('.')}: ${issue?.message}`;
}

describe('the card rule both checkout and payments check', () => {
  it.each([
    ['spaces', '4242 4242 4242 4242'],
    // payments used to refuse these; checkout accepted them.
    ['dashes', '4242-4242-4242-4242'],
    ['dashes and spaces together', '4242 - 4242 - 4242 - 4242'],
    ['a tab and a no-break space, as pasted', '4242\t4242\u00a04242 4242'],
    ['no separator', '4242424242424242'],
  ])('accepts a number typed with %s and answers its digits only', (_label, cardNumber) => {
    expect(card.parse({ ...valid, cardNumber }).cardNumber).toBe('4242424242424242');
  });

  it.each([
    [
      'a number failing the Luhn check',
      { cardNumber: '4242 4242 4242 4241' },
      'cardNumber: is not a valid card number',
    ],
    ['a number of 11 digits', { cardNumber: '42424242424' }, 'cardNumber: must be 12 to 19 digits'],
    ['a number of 20 digits', { cardNumber: '42424242424242424242' }, 'cardNumber: must be 12 to 19 digits'],
    ['dots between the groups', { cardNumber: '4242.4242.4242.4242' }, 'cardNumber: must be 12 to 19 digits'],
    ['a letter', { cardNumber: '4242 4242 4242 424a' }, 'cardNumber: must be 12 to 19 digits'],
    ['an empty number', { cardNumber: '' }, 'cardNumber: must be 12 to 19 digits'],
    ['month 0', { expMonth: 0 }, 'expMonth: must be between 1 and 12'],
    ['month 13', { expMonth: 13 }, 'expMonth: must be between 1 and 12'],
    ['a month that is not whole', { expMonth: 6.5 }, 'expMonth: must be a whole number'],
    ['a two-digit year', { expYear: 31 }, 'expYear: must be a four-digit year'],
    // payments used to answer "the card has expired" for these, and accept years up to 9999.
    ['a year before 2000', { expYear: 1999 }, 'expYear: must be a four-digit year'],
    ['a year after 2199', { expYear: 2200 }, 'expYear: must be a four-digit year'],
    ['year 9999', { expYear: 9999 }, 'expYear: must be a four-digit year'],
    ['a CVC of 2 digits', { cvc: '12' }, 'cvc: must be 3 or 4 digits'],
    ['a CVC of 5 digits', { cvc: '12345' }, 'cvc: must be 3 or 4 digits'],
    ['a CVC with a letter', { cvc: '12a' }, 'cvc: must be 3 or 4 digits'],
  ])('refuses %s naming the field', (_label, input, issue) => {
    expect(firstIssue(input)).toBe(issue);
  });

  it.each([
    ['last year', { expMonth: 12, expYear: 2029 }, 'expYear: the card has expired'],
    ['last month', { expMonth: 5, expYear: 2030 }, 'expMonth: the card has expired'],
  ])('refuses a card that expired %s', (_label, input, issue) => {
    expect(firstIssue(input)).toBe(issue);
  });

  it.each([
    ['this month', { expMonth: 6, expYear: 2030 }],
    ['in 2199', { expMonth: 1, expYear: 2199 }],
    ['with a 4-digit CVC', { cvc: '1234' }],
  ])('accepts a card that expires %s', (_label, input) => {
    expect(firstIssue(input)).toBeNull();
  });

  it('reads the clock at each check, not once', () => {
    let now = new Date(Date.UTC(2030, 5, 15));
    const checked = cardSchema(() => now);
    const june2030 = { ...valid, expMonth: 6, expYear: 2030 };
    expect(checked.safeParse(june2030).success).toBe(true);
    now = new Date(Date.UTC(2030, 6, 1));
    expect(checked.safeParse(june2030).success).toBe(false);
  });
});

describe('the Luhn check', () => {
  it.each(['4242424242424242', '5555555555554444', '378282246310005', '4000000000000002'])('passes %s', (digits) => {
    expect(passesLuhn(digits)).toBe(true);
  });

  it.each(['4242424242424241', '5555555555554445', '1234567890123'])('fails %s', (digits) => {
    expect(passesLuhn(digits)).toBe(false);
  });
});
