import { conflict } from '@agora/subgraph-kit';
import type { PaymentStatus } from './db/schema';

/** The one place the payment state machine lives. DECLINED, VOIDED and REFUNDED are final. */
const NEXT: Record<PaymentStatus, readonly PaymentStatus[]> = {
  AUTHORIZED: ['CAPTURED', 'VOIDED'],
  CAPTURED: ['REFUNDED'],
  VOIDED: [],
  REFUNDED: [],
  DECLINED: [],
};

const VERB: Record<PaymentStatus, string> = {
  AUTHORIZED: 'authorize',
  CAPTURED: 'capture',
  VOIDED: 'void',
  REFUNDED: 'refund',
  DECLINED: 'decline',
};

/**
 * Whether a payment in `from` may move to `to`: `change` when it may, `unchanged`
 * when it is there already (a retried call answers with the payment as it is),
 * CONFLICT otherwise.
 */
export function planTransition(from: PaymentStatus, to: PaymentStatus): 'change' | 'unchanged' {
  if (from === to) return 'unchanged';
  if (NEXT[from].includes(to)) return 'change';
  throw conflict(`Cannot ${VERB[to]} a payment that is ${from}.`);
}
