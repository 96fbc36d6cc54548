import { PAYMENT_STATUSES, type PaymentStatus } from '../src/db/schema';
import { planTransition } from '../src/payment-status';

const ALLOWED = new Set(['AUTHORIZED->CAPTURED', 'AUTHORIZED->VOIDED', 'CAPTURED->REFUNDED']);

describe('the payment state machine', () => {
  const pairs = PAYMENT_STATUSES.flatMap((from) =>
    PAYMENT_STATUSES.map((to): [PaymentStatus, PaymentStatus] => [from, to]),
  );

  it.each(pairs)('%s -> %s', (from, to) => {
    if (from === to) expect(planTransition(from, to)).toBe('unchanged');
    else if (ALLOWED.has(`${from}->${to}`)) expect(planTransition(from, to)).toBe('change');
    else expect(() => planTransition(from, to)).toThrow(expect.objectContaining({ extensions: { code: 'CONFLICT' } }));
  });
});
