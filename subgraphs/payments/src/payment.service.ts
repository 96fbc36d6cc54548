import { payments as paymentsContract } from '@agora/contracts';
import { conflict, isOwnerOr, moneyAmount, notFound, type Caller, type Logger } from '@agora/subgraph-kit';
import { z } from 'zod';
import { summarizeCard, type Card } from './card';
import type { AuthorizationResult, CardProcessor } from './card-processor';
import type { PaymentRow, PaymentStatus } from './db/schema';
import type { PaymentRepository } from './payment.repository';
import type { PaymentStatusCounter } from './payment-metrics';
import { planTransition } from './payment-status';
import { requireWithinTimeout, TIMED_OUT, withinTimeout } from './processor-timeout';

/** An order's id as payments keeps it (opaque text from orders). */
export const orderIdSchema = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const authorizePaymentInput = z.object({
  orderId: orderIdSchema,
  userId: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  // Any amount a cart may total, free orders (0) included: what checkout places, payments takes.
  amount: moneyAmount,
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be three upper-case letters (ISO 4217), e.g. EUR'),
  // The card rule orders' checkout checks too, from the payments contract.
  card: paymentsContract.cardSchema(),
});

export type AuthorizePayment = z.infer<typeof authorizePaymentInput>;

/** Who may read a payment: the customer who paid, admins and other services. */
export function canReadPayment(caller: Caller, payment: PaymentRow): boolean {
  return isOwnerOr(caller, payment.userId, { admin: true, service: true });
}

/** A retry of an authorization must be the same request; anything else reusing the order id is a conflict. */
function sameAuthorization(payment: PaymentRow, input: AuthorizePayment): PaymentRow {
  if (payment.userId !== input.userId || payment.amount !== input.amount || payment.currency !== input.currency) {
    throw conflict(`Order ${input.orderId} already has a payment for another amount, currency or customer.`);
  }
  return payment;
}

/** The rules of card payments; storage is the repository's, the card network the processor's. */
export class PaymentService {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly processor: CardProcessor,
    private readonly timeoutMs: number,
    private readonly statuses?: PaymentStatusCounter,
  ) {}

  /**
   * Authorizes a payment for an order, at most once per order. A refusal is stored
   * as a DECLINED payment. Concurrent requests for one order may each reach the
   * processor, but only one payment is stored: the others void their hold.
   */
  async authorize(input: AuthorizePayment, log: Logger): Promise<PaymentRow> {
    const existing = await this.payments.byOrderId(input.orderId);
    if (existing) return sameAuthorization(existing, input);

    const result = await this.authorizeWithinTimeout(input, log);
    const payment = await this.payments.insert({
      orderId: input.orderId,
      userId: input.userId,
      amount: input.amount,
      currency: input.currency,
      ...summarizeCard(input.card),
      ...(result.approved
        ? { status: 'AUTHORIZED', processorReference: result.reference }
        : { status: 'DECLINED', declineReason: result.reason }),
    });
    if (payment) {
      this.statuses?.entered(payment.status);
      return payment;
    }

    if (result.approved) await this.voidQuietly(result.reference, log);
    const winner = await this.payments.byOrderId(input.orderId);
    if (!winner) throw new Error(`payment for order ${input.orderId} vanished after a unique violation`);
    return sameAuthorization(winner, input);
  }

  /** AUTHORIZED -> CAPTURED. */
  async capture(orderId: string): Promise<PaymentRow> {
    const payment = await this.move(orderId, 'CAPTURED', (reference) => this.processor.capture(reference));
    if (!payment) throw notFound(`Order ${orderId} has no payment.`);
    return payment;
  }

  /** AUTHORIZED -> VOIDED; null when the order has no payment. */
  void(orderId: string): Promise<PaymentRow | null> {
    return this.move(orderId, 'VOIDED', (reference) => this.processor.void(reference));
  }

  /** CAPTURED -> REFUNDED; null when the order has no payment. */
  refund(orderId: string): Promise<PaymentRow | null> {
    return this.move(orderId, 'REFUNDED', (reference) => this.processor.refund(reference));
  }

  /**
   * The processor is told first; the status changes only once it agreed. The
   * processor's operations are idempotent, so a retry after a failure between the
   * two steps is safe.
   */
  private async move(
    orderId: string,
    to: PaymentStatus,
    tellProcessor: (reference: string) => Promise<void>,
  ): Promise<PaymentRow | null> {
    const payment = await this.payments.byOrderId(orderId);
    if (!payment) return null;
    if (planTransition(payment.status, to) === 'unchanged') return payment;
    // Only DECLINED payments lack a reference, and nothing moves out of DECLINED.
    if (!payment.processorReference) throw new Error(`payment ${payment.id} has no processor reference`);
    await requireWithinTimeout(tellProcessor(payment.processorReference), this.timeoutMs, `${to.toLowerCase()}`);

    const moved = await this.payments.transaction(async (payments) => {
      const row = await payments.changeStatus(payment.id, payment.status, to);
      // In this transaction: the event is published if and only if the capture is stored.
      if (row?.status === 'CAPTURED') {
        await payments.recordEvent('PaymentCaptured', {
          paymentId: row.id,
          orderId: row.orderId,
          amount: { amount: row.amount, currency: row.currency },
        });
      }
      return row;
    });
    if (moved) {
      this.statuses?.entered(moved.status);
      return moved;
    }
    // A concurrent request moved it between our read and our write: answer from where it is now.
    const now = await this.payments.byOrderId(orderId);
    if (now && planTransition(now.status, to) === 'unchanged') return now;
    throw conflict(`The payment of order ${orderId} changed while it was being updated; try again.`);
  }

  /**
   * A processor that does not answer in time counts as a decline. Should it
   * approve later after all, that hold is voided as soon as the answer arrives, so
   * the customer is never left with a hold for an order that failed.
   */
  private async authorizeWithinTimeout(input: AuthorizePayment, log: Logger): Promise<AuthorizationResult> {
    const card: Card = input.card;
    const pending = this.processor.authorize(input.amount, input.currency, card);
    const result = await withinTimeout(pending, this.timeoutMs);
    if (result !== TIMED_OUT) return result;
    log.warn({ orderId: input.orderId, timeoutMs: this.timeoutMs }, 'card processor did not answer: declining');
    void pending.then(
      (late) => (late.approved ? this.voidQuietly(late.reference, log) : undefined),
      (error: unknown) => log.warn({ err: error, orderId: input.orderId }, 'late authorization failed'),
    );
    return { approved: false, reason: 'processor_timeout' };
  }

  /** Voids a hold nobody will use; a failure is logged (the hold expires at the processor anyway). */
  private async voidQuietly(reference: string, log: Logger): Promise<void> {
    try {
      await requireWithinTimeout(this.processor.void(reference), this.timeoutMs, 'void');
    } catch (error) {
      log.error({ err: error, reference }, 'could not void an unused authorization');
    }
  }
}
