import type { CallScope, Deadline, Logger } from '@agora/subgraph-kit';
import { inSpan } from '@agora/telemetry';
import type { OrderRow } from '../db/schema';
import { failures, type Failure } from './failures';
import type { Card, CheckoutPorts, StockLine } from './ports';

/** One checkout as the steps see it: the PENDING order and who and what it is for. */
export interface SagaRun {
  order: OrderRow;
  lines: StockLine[];
  card: Card;
  ports: CheckoutPorts;
  reservationTtlSeconds: number;
  log: Logger;
  requestId?: string;
  /**
   * When the client stops waiting: the forward steps' calls end by then (and are not
   * sent after it), so a checkout whose client gave up fails its order instead of
   * running on. Compensations do not take it: undoing must finish even then.
   */
  deadline?: Deadline;
}

/** What a compensation needs: the order and the services (not the card). */
export type Compensation = Pick<SagaRun, 'order' | 'ports' | 'log' | 'requestId'>;

/** The scope of a forward step's calls: the request id and the client's deadline. */
const forward = (run: SagaRun): CallScope => ({ requestId: run.requestId, deadline: run.deadline });

/** The scope of a compensation's calls: the request id only, so each call keeps its own timeout. */
const undoing = (run: Compensation): CallScope => ({ requestId: run.requestId });

export type StepResult = { ok: true } | { ok: false; failure: Failure };

const OK: StepResult = { ok: true };
const failed = (failure: Failure): StepResult => ({ ok: false, failure });

/**
 * Runs a compensation or a courtesy call (letting go of the cart) whose failure must not
 * change the outcome: it is logged, and the other side cleans up on its own (a
 * reservation expires; every call is idempotent, so an operator can replay it).
 * Returns undefined when the call failed. It runs in a span `checkout.<step>`.
 */
export async function bestEffort<T>(run: Compensation, step: string, call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await inSpan(`checkout.${step}`, call, { attributes: { 'agora.order_id': run.order.id } });
  } catch (err) {
    run.log.error({ err, orderId: run.order.id, step }, 'checkout: best-effort step failed');
    return undefined;
  }
}

export const releaseReservation = (run: Compensation) =>
  bestEffort(run, 'releaseReservation', () => run.ports.inventory.releaseReservation(run.order.id, undoing(run)));

export const restockOrder = (run: Compensation) =>
  bestEffort(run, 'restockOrder', () => run.ports.inventory.restockOrder(run.order.id, undoing(run)));

/** Voids the authorization; refunds instead when the money was captured after all. */
export async function undoPayment(run: Compensation): Promise<void> {
  const { payments } = run.ports;
  const voided = await bestEffort(run, 'voidPayment', () => payments.voidPayment(run.order.id, undoing(run)));
  if (voided === undefined || voided?.status === 'CAPTURED') {
    await bestEffort(run, 'refundPayment', () => payments.refundPayment(run.order.id, undoing(run)));
  }
}

/** Holds the order's units (all or none) until they are committed or the reservation expires. */
export async function reserveStock(run: SagaRun): Promise<StepResult> {
  try {
    const outcome = await run.ports.inventory.reserveStock(
      run.order.id,
      run.lines,
      run.reservationTtlSeconds,
      forward(run),
    );
    return outcome.reserved ? OK : failed(failures.outOfStock(outcome.reason));
  } catch (err) {
    run.log.error({ err, orderId: run.order.id }, 'checkout: reserveStock failed');
    // The call may have reserved before it failed on the way back.
    await releaseReservation(run);
    return failed(failures.stockUnavailable());
  }
}

/** Authorizes the order total on the card; a decline releases the stock. */
export async function authorizePayment(run: SagaRun): Promise<StepResult> {
  const { order } = run;
  try {
    const payment = await run.ports.payments.authorizePayment(
      { orderId: order.id, userId: order.userId, amount: order.totalAmount, currency: order.currency, card: run.card },
      forward(run),
    );
    if (payment.status === 'AUTHORIZED' || payment.status === 'CAPTURED') return OK;
    await releaseReservation(run);
    if (payment.status === 'DECLINED') return failed(failures.declined(payment.declineReason));
    run.log.error({ orderId: order.id, status: payment.status }, 'checkout: authorization in an unexpected state');
    return failed(failures.paymentError());
  } catch (err) {
    run.log.error({ err, orderId: order.id }, 'checkout: authorizePayment failed');
    // Payments may have authorized before the call failed (a time-out on our side).
    await undoPayment(run);
    await releaseReservation(run);
    return failed(failures.paymentError());
  }
}

/** Takes the units off the shelf for good, then the money; undoes both if either fails. */
export async function commitAndCapture(run: SagaRun): Promise<StepResult> {
  const { inventory, payments } = run.ports;
  try {
    await inventory.commitReservation(run.order.id, forward(run));
  } catch (err) {
    run.log.error({ err, orderId: run.order.id }, 'checkout: commitReservation failed');
    await undoPayment(run);
    await releaseReservation(run);
    return failed(failures.stockNotCommitted());
  }
  try {
    const payment = await payments.capturePayment(run.order.id, forward(run));
    if (payment.status !== 'CAPTURED') throw new Error(`capture left the payment ${payment.status}`);
    return OK;
  } catch (err) {
    run.log.error({ err, orderId: run.order.id }, 'checkout: capturePayment failed');
    await undoPayment(run);
    // Committed units are restocked, not released.
    await restockOrder(run);
    return failed(failures.paymentError());
  }
}
