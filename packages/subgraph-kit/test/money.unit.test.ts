import { isMoneyAmount, MAX_MONEY_AMOUNT, moneyAmount } from '../src';

describe('the money bound', () => {
  it('is 100,000,000 minor units, far enough inside GraphQL Int that two bounded amounts still add up exactly', () => {
    expect(MAX_MONEY_AMOUNT).toBe(100_000_000);
    expect(2 * MAX_MONEY_AMOUNT).toBeLessThan(2 ** 31 - 1);
  });

  it.each([0, 1, 1999, MAX_MONEY_AMOUNT])('accepts %i', (amount) => {
    expect(isMoneyAmount(amount)).toBe(true);
    expect(moneyAmount.safeParse(amount).success).toBe(true);
  });

  it.each([
    [MAX_MONEY_AMOUNT + 1, 'must be at most 100000000'],
    [-1, 'must not be negative'],
    [19.99, 'must be a whole number of minor units'],
    [2 ** 31, 'must be at most 100000000'],
  ])('refuses %d: %s', (amount, message) => {
    expect(isMoneyAmount(amount)).toBe(false);
    expect(moneyAmount.safeParse(amount).error?.issues[0]?.message).toBe(message);
  });

  it('refuses what is not a finite number', () => {
    for (const amount of [Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 2]) {
      expect(isMoneyAmount(amount)).toBe(false);
    }
  });
});
