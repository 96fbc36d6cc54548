import { setTimeout as sleep } from 'node:timers/promises';
import { callBudgetMs, conflict, type Caller, type Deadline, type Logger } from '@agora/subgraph-kit';
import { inSpan, markFailed } from '@agora/telemetry';
import type { OrderRow } from '../db/schema';
import type { OrderRepository } from '../order.repository';
import { settleCart } from './cart-settlement';
import { failures, type Failure } from './failures';
import { requestHash, shippingAddressOf, type CheckoutInput } from './input';
import type { CheckoutOutcomes } from './outcomes';
import { orderLines, orderTotal, stockLines, type OrderLine } from './order-lines';
import type { CartSnapshot, CheckoutPorts } from './ports';
import { authorizePayment, commitAndCapture, reserveStock, restockOrder, undoPayment, type SagaRun } from './steps';

export interface CheckoutSagaOptions {
  orders: OrderRepository;
  ports: CheckoutPorts;
  reservationTtlSeconds: number;
  /**
   * How long the cart stays locked for a checkout that never lets go of it (its
   * process died): longer than the recovery sweep takes to settle it (see config.ts).
   */
  cartLockTtlSeconds: number;
  /** How long a retry waits for its concurrent twin to finish the saga (default 15 s). */
  settleTimeoutMs?: number;
  pollIntervalMs?: number;
  /** Counts each order the saga confirms or fails (for /metrics). */
  outcomes?: CheckoutOutcomes;
}

/** Who checks out, and where to log and trace what happens. */
export interface CheckoutCall {
  caller: Caller;
  log: Logger;
  requestId?: string;
  /** When the client stops waiting (see SagaRun.deadline); the order is FAILED, not left PENDING, if it passes. */
  deadline?: Deadline;
}

/** A new PENDING order (and its lines) to run the saga for, or the answer already (a twin's order). */
type Placement = { placed: OrderRow; lines: OrderLine[] } | { answer: OrderRow };

/**
 * The checkout saga, orchestrated here: lock the cart and read it, price it into a
 * PENDING order, reserve the stock, authorize, commit and capture, confirm, and let go
 * of the cart (taking out exactly the ordered lines, or leaving it as it was). A failed
 * step compensates what the steps before it did and leaves the order FAILED with a
 * reason; that is an answer, not an error. Only bad requests (an empty cart, a line
 * that cannot be bought, a reused idempotency key) and a cart another checkout holds
 * (CONFLICT) are errors, and they write nothing.
 */
export class CheckoutSaga {
  private readonly settleTimeoutMs: number;
  private readonly pollIntervalMs: number;

  constructor(private readonly options: CheckoutSagaOptions) {
    this.settleTimeoutMs = options.settleTimeoutMs ?? 15_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
  }

  async checkout(input: CheckoutInput, call: CheckoutCall): Promise<OrderRow> {
    const { orders, ports } = this.options;
    const userId = call.caller.userId;
    const hash = requestHash(input);
    const earlier = await orders.byIdempotencyKey(userId, input.idempotencyKey);
    if (earlier) return this.replay(earlier, hash, call.deadline);

    const begun = await ports.cart.beginCheckout(userId, input.idempotencyKey, this.options.cartLockTtlSeconds, {
      requestId: call.requestId,
      deadline: call.deadline,
    });
    if (!begun.begun) {
      // Another checkout holds the cart, unless a twin with this key placed the order meanwhile.
      const twin = await orders.byIdempotencyKey(userId, input.idempotencyKey);
      if (twin) return this.replay(twin, hash, call.deadline);
      throw conflict(begun.reason);
    }
    const placement = await this.place(begun.cart, input, hash, call);
    if ('answer' in placement) return placement.answer;
    const { placed: order, lines } = placement;

    let outcome: OrderRow;
    try {
      outcome = await this.run({
        order,
        lines: stockLines(lines),
        card: input.payment,
        ports,
        reservationTtlSeconds: this.options.reservationTtlSeconds,
        log: call.log,
        requestId: call.requestId,
        deadline: call.deadline,
      });
    } catch (error) {
      // Whatever state the order was left in: FAILED lets go of the cart, PENDING waits for the sweep.
      await settleCart(await this.current(order).catch(() => order), this.settlement(call));
      throw error;
    }
    await settleCart(outcome, this.settlement(call));
    return outcome;
  }

  /**
   * The PENDING order of the cart the lock found. A refusal (empty cart, a line that
   * cannot be bought) or any error lets go of the cart and is thrown, unless a twin
   * with the same key placed the order: then its order is the answer.
   */
  private async place(cart: CartSnapshot, input: CheckoutInput, hash: string, call: CheckoutCall): Promise<Placement> {
    const { orders, ports } = this.options;
    const userId = call.caller.userId;
    let lines: OrderLine[];
    let order: OrderRow | null;
    try {
      lines = await orderLines(cart, ports.catalog, { requestId: call.requestId, deadline: call.deadline });
      const total = orderTotal(lines);
      order = await orders.insertPending(
        {
          userId,
          totalAmount: total.amount,
          currency: total.currency,
          shippingAddress: shippingAddressOf(input),
          idempotencyKey: input.idempotencyKey,
          requestHash: hash,
        },
        lines,
      );
    } catch (error) {
      const twin = await orders.byIdempotencyKey(userId, input.idempotencyKey);
      if (twin) return { answer: await this.joinTwin(twin, hash, call) };
      await this.releaseCart(userId, input.idempotencyKey, call);
      throw error;
    }
    if (order) return { placed: order, lines };
    // The unique (user, key) constraint chose a concurrent twin: its order is the answer.
    const twin = await orders.byIdempotencyKey(userId, input.idempotencyKey);
    if (!twin) throw new Error('idempotency key taken but no order found');
    return { answer: await this.joinTwin(twin, hash, call) };
  }

  /**
   * The steps after the PENDING order exists; every outcome ends the order's PENDING.
   * Each step runs in a span named after it (`checkout.reserveStock`, …), marked failed
   * with the failure code when the step refuses the checkout.
   */
  private async run(run: SagaRun): Promise<OrderRow> {
    for (const step of [reserveStock, authorizePayment, commitAndCapture]) {
      const result = await inSpan(
        `checkout.${step.name}`,
        async () => {
          const outcome = await step(run);
          if (!outcome.ok) markFailed(outcome.failure.code ?? 'UNEXPECTED', outcome.failure.reason);
          return outcome;
        },
        { attributes: { 'agora.order_id': run.order.id } },
      );
      if (!result.ok) return this.fail(run.order, result.failure);
    }
    let confirmed: OrderRow | null;
    try {
      confirmed = await this.options.orders.transition(
        run.order.id,
        ['PENDING'],
        { status: 'CONFIRMED' },
        { type: 'OrderConfirmed' },
      );
    } catch (error) {
      // The money is taken and the units committed, but the order could not say so: undo both.
      run.log.error({ err: error, orderId: run.order.id }, 'checkout: confirming the order failed');
      await undoPayment(run);
      await restockOrder(run);
      await this.fail(run.order, failures.paymentError()).catch(() => undefined);
      throw error;
    }
    if (confirmed) this.options.outcomes?.confirmed();
    return confirmed ?? this.current(run.order);
  }

  private async fail(order: OrderRow, failure: Failure): Promise<OrderRow> {
    const failed = await this.options.orders.transition(order.id, ['PENDING'], {
      status: 'FAILED',
      failureCode: failure.code,
      failureReason: failure.reason,
    });
    if (failed) this.options.outcomes?.failed(failure.code);
    return failed ?? this.current(order);
  }

  private async current(order: OrderRow): Promise<OrderRow> {
    return (await this.options.orders.byId(order.id)) ?? order;
  }

  private settlement(call: CheckoutCall) {
    return { orders: this.options.orders, ports: this.options.ports, log: call.log, requestId: call.requestId };
  }

  /** Lets go of the cart without an order (a refused checkout); a failure is logged, the lock lapses. */
  private async releaseCart(userId: string, checkoutKey: string, call: CheckoutCall): Promise<void> {
    const { cart } = this.options.ports;
    try {
      await cart.releaseCheckout(userId, checkoutKey, { requestId: call.requestId });
    } catch (err) {
      call.log.error({ err, step: 'releaseCheckout' }, 'checkout: releasing the cart failed');
    }
  }

  /**
   * The answer when a twin (a concurrent checkout with the same key) placed the order
   * after this checkout locked the cart. The lock is under the same key, so it is the
   * twin's to let go of, except when the twin FAILED: it may have released the cart
   * before this checkout locked it again, so this one releases it.
   */
  private async joinTwin(twin: OrderRow, hash: string, call: CheckoutCall): Promise<OrderRow> {
    const latest = twin.requestHash === hash ? await this.outcomeOf(twin, call.deadline) : twin;
    if (latest.status === 'FAILED') await this.releaseCart(latest.userId, latest.idempotencyKey, call);
    return this.replay(latest, hash, call.deadline);
  }

  /**
   * A retry with a key already used: the same request gets the same order (once its
   * twin has finished the saga, or as it stands after the wait); a different one is
   * refused.
   */
  private async replay(order: OrderRow, hash: string, deadline?: Deadline): Promise<OrderRow> {
    if (order.requestHash !== hash) throw conflict('idempotencyKey: already used for a different checkout');
    return this.outcomeOf(order, deadline);
  }

  /**
   * The order once it has left PENDING, or as it stands after the wait: settleTimeoutMs,
   * or less when the request's deadline comes first (an answer the client still waits for).
   */
  private async outcomeOf(order: OrderRow, deadline?: Deadline): Promise<OrderRow> {
    // One poll short of the deadline, so the answer leaves in time.
    const waitMs = deadline ? callBudgetMs(this.settleTimeoutMs, deadline) - this.pollIntervalMs : this.settleTimeoutMs;
    const until = Date.now() + waitMs;
    let latest = order;
    while (latest.status === 'PENDING' && Date.now() < until) {
      await sleep(this.pollIntervalMs);
      latest = await this.current(latest);
    }
    return latest;
  }
}
