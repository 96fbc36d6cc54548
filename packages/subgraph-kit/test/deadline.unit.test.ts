import { callBudgetMs, Deadline, DEADLINE_MARGIN_MS, deadlineFromHeader } from '../src/deadline';

describe('request deadlines', () => {
  it('counts the time left down to zero, never below', () => {
    const deadline = Deadline.after(1_000, 5_000);

    expect(deadline.remainingMs(5_000)).toBe(1_000);
    expect(deadline.remainingMs(5_600)).toBe(400);
    expect(deadline.remainingMs(7_000)).toBe(0);
    expect(deadline.expired(5_999)).toBe(false);
    expect(deadline.expired(6_000)).toBe(true);
  });

  it('gives a call its own timeout when the deadline leaves more, else the time left minus the margin', () => {
    const deadline = Deadline.after(2_000, 0);

    expect(callBudgetMs(500, deadline, 0)).toBe(500);
    expect(callBudgetMs(15_000, deadline, 0)).toBe(2_000 - DEADLINE_MARGIN_MS);
    expect(callBudgetMs(15_000, deadline, 1_500)).toBe(500 - DEADLINE_MARGIN_MS);
  });

  it('leaves no budget (0 or less) once the time left is within the margin', () => {
    const deadline = Deadline.after(1_000, 0);

    expect(callBudgetMs(5_000, deadline, 1_000 - DEADLINE_MARGIN_MS)).toBeLessThanOrEqual(0);
    expect(callBudgetMs(5_000, deadline, 2_000)).toBeLessThanOrEqual(0);
  });

  it('keeps the own timeout for work without a deadline', () => {
    expect(callBudgetMs(3_000, undefined)).toBe(3_000);
  });

  it('makes each hop shorter than the one before it', () => {
    const atRouter = Deadline.after(10_000, 0);
    const sentToOrders = callBudgetMs(10_000, atRouter, 0);
    const atOrders = deadlineFromHeader(String(sentToOrders), 0);
    const sentToPayments = callBudgetMs(15_000, atOrders, 0);

    expect(sentToOrders).toBeLessThan(10_000);
    expect(sentToPayments).toBeLessThan(sentToOrders);
  });

  it('reads a deadline header of whole milliseconds relative to its arrival', () => {
    expect(deadlineFromHeader('250', 1_000)?.remainingMs(1_000)).toBe(250);
    expect(deadlineFromHeader(' 40 ', 0)?.remainingMs(0)).toBe(40);
    expect(deadlineFromHeader('0', 0)?.expired(0)).toBe(true);
  });

  it('ignores a missing, malformed, negative or over-long deadline header', () => {
    for (const value of [undefined, '', 'soon', '-5', '1.5', '12ms', '3600001', '99999999999']) {
      expect(deadlineFromHeader(value)).toBeUndefined();
    }
  });
});
