import { setTimeout as sleep } from 'node:timers/promises';
import { badUserInput, conflict, isMoneyAmount, MAX_MONEY_AMOUNT, type Caller, type Logger } from '@agora/subgraph-kit';
import type { NewOrderItem, OrderRow } from '../db/schema';
import type { OrdersRepository } from '../orders.repository';
import { failures, type Failure } from './failures';
import { requestHash, shippingAddressOf, type CheckoutInput } from './input';
import type { CartSnapshot, CheckoutPorts, StockLine } from './ports';
import {
  authorizePayment,
  clearCart,
  commitAndCapture,
  reserveStock,
  restockOrder,
  undoPayment,
  type SagaRun,
} from './steps';

export interface CheckoutSagaOptions {
  orders: OrdersRepository;
  ports: CheckoutPorts;
  reservationTtlSeconds: number;
  /** How long a retry waits for its concurrent twin to finish the saga (default 15 s). */
  settleTimeoutMs?: number;
  pollIntervalMs?: number;
}

/** Who checks out, and where to log and trace what happens. */
export interface CheckoutCall {
  caller: Caller;
  log: Logger;
  requestId?: string;
}

type OrderLine = Omit<NewOrderItem, 'orderId'>;

/** Units per product: inventory takes each product at most once per reservation. */
function stockLines(lines: OrderLine[]): StockLine[] {
  const units = new Map<string, number>();
  for (const line of lines) units.set(line.productId, (units.get(line.productId) ?? 0) + line.quantity);
  return [...units].map(([productId, quantity]) => ({ productId, quantity }));
}

/**
 * What the lines cost together. BAD_USER_INPUT when that is over the money bound every
 * service shares (the cart refuses such a cart, but prices may have risen since), so
 * payments is never asked for an amount it must refuse.
 */
function orderTotal(lines: OrderLine[]): number {
  const total = lines.reduce((sum, line) => sum + line.quantity * line.unitAmount, 0);
  if (isMoneyAmount(total)) return total;
  throw badUserInput(
    `cart: the order would cost ${total} ${lines[0]?.currency ?? ''}, over the limit of ${MAX_MONEY_AMOUNT} (amounts in minor units)`,
    'cart',
  );
}

/**
 * The checkout saga, orchestrated here: price the cart into a PENDING order, reserve
 * the stock, authorize, commit and capture, confirm. A failed step compensates what
 * the steps before it did and leaves the order FAILED with a reason; that is an
 * answer, not an error. Only bad requests (empty cart, a reused idempotency key)
 * are errors, and they write nothing.
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
    if (earlier) return this.replay(earlier, hash);

    const cart = await ports.cart.readCart(call.caller, call.requestId);
    if (cart.items.length === 0) {
      // A twin with this key may have emptied the cart since we looked: answer with its order.
      const twin = await orders.byIdempotencyKey(userId, input.idempotencyKey);
      if (twin) return this.replay(twin, hash);
      throw badUserInput('cart is empty', 'cart');
    }
    const lines = await this.orderLines(cart, call.requestId);
    const first = lines[0] as OrderLine;
    const order = await orders.insertPending(
      {
        userId,
        totalAmount: orderTotal(lines),
        currency: first.currency,
        shippingAddress: shippingAddressOf(input),
        idempotencyKey: input.idempotencyKey,
        requestHash: hash,
      },
      lines,
    );
    if (!order) {
      // The unique (user, key) constraint chose a concurrent twin: its order is the answer.
      const twin = await orders.byIdempotencyKey(userId, input.idempotencyKey);
      if (!twin) throw new Error('idempotency key taken but no order found');
      return this.replay(twin, hash);
    }

    return this.run({
      order,
      lines: stockLines(lines),
      card: {
        number: input.payment.cardNumber,
        expMonth: input.payment.expMonth,
        expYear: input.payment.expYear,
        cvc: input.payment.cvc,
      },
      caller: call.caller,
      ports,
      reservationTtlSeconds: this.options.reservationTtlSeconds,
      log: call.log,
      requestId: call.requestId,
    });
  }

  /** The steps after the PENDING order exists; every outcome ends the order's PENDING. */
  private async run(run: SagaRun): Promise<OrderRow> {
    for (const step of [reserveStock, authorizePayment, commitAndCapture]) {
      const result = await step(run);
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
    await clearCart(run);
    return confirmed ?? this.current(run.order);
  }

  private async fail(order: OrderRow, failure: Failure): Promise<OrderRow> {
    const failed = await this.options.orders.transition(order.id, ['PENDING'], {
      status: 'FAILED',
      failureCode: failure.code,
      failureReason: failure.reason,
    });
    return failed ?? this.current(order);
  }

  private async current(order: OrderRow): Promise<OrderRow> {
    return (await this.options.orders.byId(order.id)) ?? order;
  }

  /**
   * A retry with a key already used: the same request gets the same order (once its
   * twin has finished the saga, or as it stands after the wait); a different one is
   * refused.
   */
  private async replay(order: OrderRow, hash: string): Promise<OrderRow> {
    if (order.requestHash !== hash) throw conflict('idempotencyKey: already used for a different checkout');
    const deadline = Date.now() + this.settleTimeoutMs;
    let latest = order;
    while (latest.status === 'PENDING' && Date.now() < deadline) {
      await sleep(this.pollIntervalMs);
      latest = await this.current(latest);
    }
    return latest;
  }

  /**
   * Cart lines with the catalog's names, in one currency (the cart's prices come from
   * the catalog). A line that cannot be bought now is a BAD_USER_INPUT naming it
   * (`cart.items.<id>`), in the cart's words: the shopper removes it and tries again.
   */
  private async orderLines(cart: CartSnapshot, requestId?: string): Promise<OrderLine[]> {
    const items = cart.items.map((item) => {
      if (item.available) return item;
      const field = `cart.items.${item.itemId}`;
      throw badUserInput(`${field}: ${item.problem}`, field);
    });
    const ids = items.map((item) => item.productId);
    const names = (await this.options.ports.catalog?.productNames(ids, requestId)) ?? new Map<string, string>();
    return items.map((item) => {
      if (item.unitPrice.currency !== cart.subtotal.currency) throw new Error('the cart mixes currencies');
      return {
        productId: item.productId,
        productName: names.get(item.productId) ?? item.productId,
        quantity: item.quantity,
        unitAmount: item.unitPrice.amount,
        currency: item.unitPrice.currency,
      };
    });
  }
}
