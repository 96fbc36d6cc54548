import { Counter } from 'prom-client';
import type { PaymentStatus } from './db/schema';

/**
 * `agora_payments_total{status}`: payments entering each status (AUTHORIZED or
 * DECLINED when stored, then CAPTURED, VOIDED, REFUNDED), counted when the change is
 * stored; a retried call that finds the payment there already is not counted again.
 * Unregistered: the service lists it in its `metrics`.
 */
export class PaymentStatusCounter {
  readonly counter = new Counter({
    name: 'agora_payments_total',
    help: 'Payments entering each status (AUTHORIZED, DECLINED, CAPTURED, VOIDED, REFUNDED).',
    labelNames: ['status'],
    registers: [],
  });

  entered(status: PaymentStatus): void {
    this.counter.inc({ status });
  }
}
