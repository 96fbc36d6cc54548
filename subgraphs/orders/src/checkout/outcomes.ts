import { Counter } from 'prom-client';
import type { CheckoutFailure } from '../db/schema';

/**
 * `agora_checkouts_total{outcome, failure_code}`: checkouts that ended, counted once
 * per order when it leaves PENDING (the saga's end, or the recovery sweep failing a
 * stalled one); a retry with the same idempotency key is not counted again. `outcome`
 * is `confirmed` or `failed`; `failure_code` is the order's failure code
 * (`OUT_OF_STOCK`, `PAYMENT_DECLINED`, …), `none` when the failure has no code or the
 * order was confirmed. Unregistered: the service lists it in its `metrics`.
 */
export class CheckoutOutcomes {
  readonly counter = new Counter({
    name: 'agora_checkouts_total',
    help: 'Checkouts that ended, by outcome (confirmed, failed) and failure code (none without one).',
    labelNames: ['outcome', 'failure_code'],
    registers: [],
  });

  confirmed(): void {
    this.counter.inc({ outcome: 'confirmed', failure_code: 'none' });
  }

  failed(code: CheckoutFailure | null): void {
    this.counter.inc({ outcome: 'failed', failure_code: code ?? 'none' });
  }
}
