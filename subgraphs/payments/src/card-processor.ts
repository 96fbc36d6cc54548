import { randomUUID } from 'node:crypto';
import type { Card } from './card';

/** The processor's answer to an authorization: a hold it can later capture, void or refund, or a refusal. */
export type AuthorizationResult = { approved: true; reference: string } | { approved: false; reason: string };

/**
 * The seam to a card processor (Stripe, Adyen, …): a real provider implements this
 * and replaces the simulated one. Every method may fail or never answer; payments
 * bounds each call with its own timeout.
 */
export interface CardProcessor {
  /** Holds `amount` (minor units) on the card. A refusal is a result, not an error. */
  authorize(amount: number, currency: string, card: Card): Promise<AuthorizationResult>;
  /** Charges a held amount. Capturing a captured reference again is a no-op. */
  capture(reference: string): Promise<void>;
  /** Releases a hold without charging. Voiding a voided reference again is a no-op. */
  void(reference: string): Promise<void>;
  /** Pays a captured amount back. Refunding a refunded reference again is a no-op. */
  refund(reference: string): Promise<void>;
}

/** The public test-card convention the simulated processor follows. */
export const TEST_CARDS = {
  approves: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  neverAnswers: '4000000000000119',
} as const;

export type SimulatedState = 'authorized' | 'captured' | 'voided' | 'refunded';

/** From which states each operation may run (the state itself: already done, a no-op). */
const ALLOWED_FROM: Record<'captured' | 'voided' | 'refunded', SimulatedState> = {
  captured: 'authorized',
  voided: 'authorized',
  refunded: 'captured',
};

export interface SimulatedCardProcessorOptions {
  /**
   * When set, the never-answering card answers after all, approving after this
   * many milliseconds (to exercise an authorization that arrives after payments
   * stopped waiting). By default it never answers.
   */
  lateApprovalMs?: number;
}

/**
 * An in-process card processor following the public test-card convention:
 * 4242 4242 4242 4242 approves, 4000 0000 0000 0002 is `card_declined`,
 * 4000 0000 0000 9995 is `insufficient_funds`, 4000 0000 0000 0119 never answers;
 * any other number approves. It remembers the holds it made, as a real processor would,
 * in its own process: a capture, void or refund of a `sim_` reference it does not know
 * (made by another replica) is taken as allowed.
 */
export class SimulatedCardProcessor implements CardProcessor {
  private readonly holds = new Map<string, SimulatedState>();

  constructor(private readonly options: SimulatedCardProcessorOptions = {}) {}

  authorize(_amount: number, _currency: string, card: Card): Promise<AuthorizationResult> {
    switch (card.cardNumber) {
      case TEST_CARDS.declined:
        return Promise.resolve({ approved: false, reason: 'card_declined' });
      case TEST_CARDS.insufficientFunds:
        return Promise.resolve({ approved: false, reason: 'insufficient_funds' });
      case TEST_CARDS.neverAnswers:
        return this.neverOrLate();
      default:
        return Promise.resolve(this.hold());
    }
  }

  capture(reference: string): Promise<void> {
    return this.move(reference, 'captured');
  }

  void(reference: string): Promise<void> {
    return this.move(reference, 'voided');
  }

  refund(reference: string): Promise<void> {
    return this.move(reference, 'refunded');
  }

  /** Where each hold stands (for operators and tests). */
  stateOf(reference: string): SimulatedState | undefined {
    return this.holds.get(reference);
  }

  /** References of the holds in `state`. */
  referencesIn(state: SimulatedState): string[] {
    return [...this.holds].filter(([, s]) => s === state).map(([reference]) => reference);
  }

  private hold(): AuthorizationResult {
    const reference = `sim_${randomUUID()}`;
    this.holds.set(reference, 'authorized');
    return { approved: true, reference };
  }

  private neverOrLate(): Promise<AuthorizationResult> {
    const delay = this.options.lateApprovalMs;
    return new Promise((resolve) => {
      if (delay !== undefined) setTimeout(() => resolve(this.hold()), delay);
    });
  }

  private move(reference: string, to: 'captured' | 'voided' | 'refunded'): Promise<void> {
    const state = this.holds.get(reference);
    if (state === to) return Promise.resolve();
    // A hold another payments process (a replica) made is not in this one's memory, where a
    // real processor shared by every replica would know it; the payment's stored status has
    // already allowed the move (PaymentService.move), and its change is compare-and-set.
    if (state !== undefined && state !== ALLOWED_FROM[to]) {
      return Promise.reject(new Error(`simulated processor: cannot move ${reference} from ${state} to ${to}`));
    }
    this.holds.set(reference, to);
    return Promise.resolve();
  }
}
