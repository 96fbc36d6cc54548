import type { CheckoutFailure } from '../db/schema';

/** Why a checkout failed: a code when one fits, and words a customer can read. */
export interface Failure {
  code: CheckoutFailure | null;
  reason: string;
}

const NOTHING_CHARGED = 'Nothing was charged.';

export const failures = {
  outOfStock: (inventoryMessage: string): Failure => ({ code: 'OUT_OF_STOCK', reason: inventoryMessage }),
  stockUnavailable: (): Failure => ({
    code: null,
    reason: `The stock could not be reserved right now. ${NOTHING_CHARGED} Please try again.`,
  }),
  stockNotCommitted: (): Failure => ({
    code: null,
    reason: `The reserved stock could not be confirmed. ${NOTHING_CHARGED} Please try again.`,
  }),
  /** The checkout stopped half-way (its process died) and was undone by the recovery sweep. */
  interrupted: (): Failure => ({
    code: null,
    reason: `The checkout was interrupted. ${NOTHING_CHARGED} Please try again.`,
  }),
  paymentError: (): Failure => ({
    code: 'PAYMENT_ERROR',
    reason: `The payment could not be processed. ${NOTHING_CHARGED} Please try again.`,
  }),
  /** Payments' `declineReason` (card_declined, insufficient_funds, processor_timeout) as ours. */
  declined: (declineReason: string | null): Failure => {
    if (declineReason === 'insufficient_funds') {
      return { code: 'INSUFFICIENT_FUNDS', reason: 'The card has insufficient funds.' };
    }
    if (declineReason === 'processor_timeout') {
      return {
        code: 'PAYMENT_TIMEOUT',
        reason: `The payment processor did not answer in time. ${NOTHING_CHARGED} Please try again.`,
      };
    }
    // card_declined, and any reason payments adds later.
    return { code: 'PAYMENT_DECLINED', reason: 'The card was declined.' };
  },
};
