import type {
  BeginCheckoutOutcome,
  CartLine,
  CartPort,
  CatalogPort,
  CheckoutPorts,
  InventoryPort,
  Money,
  OrderedCartLine,
  PaymentOutcome,
  PaymentsPort,
  PaymentStatus,
  StockLine,
} from '../src/checkout/ports';

/**
 * Stand-ins for the cart, catalog, inventory and payments services' ANSWERS, for
 * the saga's ordering and compensation tests only (declines, conflicts, time-outs
 * on demand). The real services are exercised in checkout-integration.test.ts.
 */

/** Every call the saga made, in order (e.g. `inventory.reserveStock`). */
export type CallLog = string[];

/** A cart line as a test writes it: available unless it names a problem. */
export interface FakeLine {
  productId: string;
  quantity: number;
  unitPrice: Money;
  problem?: string;
}

type CartCall = 'beginCheckout' | 'completeCheckout' | 'releaseCheckout';

export const IN_PROGRESS = 'cart: a checkout of this cart is in progress';

/** The cart's checkout lock as the cart service keeps it (see the cart's cart-checkout.ts), in memory. */
export class FakeCart implements CartPort {
  readonly lines = new Map<string, CartLine[]>();
  /** The checkout key holding each user's cart. */
  readonly locks = new Map<string, string>();
  /** `${userId} ${key}` of the checkouts that completed. */
  private readonly completed = new Set<string>();
  /** Calls that throw, as a cart service that is down would. */
  readonly failing = new Set<CartCall>();
  private lineCount = 0;
  constructor(private readonly calls: CallLog) {}

  /** Fills the user's cart; returns the lines with their ids. */
  fill(userId: string, lines: FakeLine[]): CartLine[] {
    const cartLines = lines.map(({ problem, ...line }): CartLine => {
      const itemId = `item-${++this.lineCount}`;
      return problem === undefined
        ? { ...line, itemId, available: true }
        : { itemId, productId: line.productId, quantity: line.quantity, available: false, problem };
    });
    this.lines.set(userId, cartLines);
    return cartLines;
  }

  private hold: { reached: () => void; opened: Promise<void> } | null = null;

  /**
   * Holds the next beginCheckout back (a slow network): `reached` resolves once it
   * arrived, and it goes on when `open` is called.
   */
  holdNextBegin(): { reached: Promise<void>; open: () => void } {
    let open = (): void => undefined;
    let reached = (): void => undefined;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const arrived = new Promise<void>((resolve) => (reached = resolve));
    this.hold = { reached, opened };
    return { reached: arrived, open };
  }

  private async enter(call: CartCall): Promise<void> {
    this.calls.push(`cart.${call}`);
    await Promise.resolve();
    if (this.failing.has(call)) throw new Error(`cart ${call} failed`);
  }

  async beginCheckout(userId: string, key: string): Promise<BeginCheckoutOutcome> {
    const hold = this.hold;
    this.hold = null;
    if (hold) {
      hold.reached();
      await hold.opened;
    }
    await this.enter('beginCheckout');
    if (this.completed.has(`${userId} ${key}`)) return { begun: false, reason: 'cart: this checkout completed' };
    const holder = this.locks.get(userId);
    if (holder !== undefined && holder !== key) return { begun: false, reason: IN_PROGRESS };
    this.locks.set(userId, key);
    const items = this.lines.get(userId) ?? [];
    const available = items.flatMap((line) => (line.available ? [line] : []));
    const amount = available.reduce((sum, line) => sum + line.quantity * line.unitPrice.amount, 0);
    return { begun: true, cart: { items, subtotal: { amount, currency: available[0]?.unitPrice.currency ?? 'EUR' } } };
  }

  async completeCheckout(userId: string, key: string, ordered: OrderedCartLine[]): Promise<void> {
    await this.enter('completeCheckout');
    if (this.completed.has(`${userId} ${key}`)) return;
    this.completed.add(`${userId} ${key}`);
    if (this.locks.get(userId) !== key) return;
    const left = (this.lines.get(userId) ?? []).flatMap((line) => {
      const taken = ordered.find((order) => order.itemId === line.itemId)?.quantity ?? 0;
      return line.quantity > taken ? [{ ...line, quantity: line.quantity - taken }] : [];
    });
    this.lines.set(userId, left);
    this.locks.delete(userId);
  }

  async releaseCheckout(userId: string, key: string): Promise<void> {
    await this.enter('releaseCheckout');
    if (this.locks.get(userId) === key) this.locks.delete(userId);
  }
}

export class FakeCatalog implements CatalogPort {
  constructor(private readonly names: Record<string, string>) {}
  productNames(ids: string[]) {
    return Promise.resolve(new Map(ids.flatMap((id) => (this.names[id] ? [[id, this.names[id]] as const] : []))));
  }
}

type ReservationStatus = 'HELD' | 'COMMITTED' | 'RELEASED' | 'RESTOCKED';
type InventoryCall = 'reserveStock' | 'commitReservation' | 'releaseReservation' | 'restockOrder';

export class FakeInventory implements InventoryPort {
  readonly stock = new Map<string, number>();
  readonly reservations = new Map<string, { status: ReservationStatus; items: StockLine[] }>();
  /** Calls that throw, as a service that is down would. */
  readonly failing = new Set<InventoryCall>();
  constructor(private readonly calls: CallLog) {}

  private async enter(call: InventoryCall): Promise<void> {
    this.calls.push(`inventory.${call}`);
    await Promise.resolve();
    if (this.failing.has(call)) throw new Error(`inventory ${call} failed`);
  }

  private move(orderId: string, from: ReservationStatus, to: ReservationStatus, giveBack: boolean): void {
    const reservation = this.reservations.get(orderId);
    if (reservation?.status !== from) return;
    reservation.status = to;
    if (giveBack) for (const line of reservation.items) this.add(line.productId, line.quantity);
  }

  private add(productId: string, delta: number): void {
    this.stock.set(productId, (this.stock.get(productId) ?? 0) + delta);
  }

  async reserveStock(orderId: string, items: StockLine[]) {
    await this.enter('reserveStock');
    if (this.reservations.has(orderId)) return { reserved: true as const };
    const short = items.find((line) => (this.stock.get(line.productId) ?? 0) < line.quantity);
    if (short) {
      const available = this.stock.get(short.productId) ?? 0;
      return {
        reserved: false as const,
        reason: `Not enough stock for product ${short.productId}: ${available} available`,
      };
    }
    for (const line of items) this.add(line.productId, -line.quantity);
    this.reservations.set(orderId, { status: 'HELD', items });
    return { reserved: true as const };
  }

  async commitReservation(orderId: string) {
    await this.enter('commitReservation');
    this.move(orderId, 'HELD', 'COMMITTED', false);
  }

  async releaseReservation(orderId: string) {
    await this.enter('releaseReservation');
    this.move(orderId, 'HELD', 'RELEASED', true);
  }

  async restockOrder(orderId: string) {
    await this.enter('restockOrder');
    this.move(orderId, 'COMMITTED', 'RESTOCKED', true);
  }
}

export const CARDS = {
  approves: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  processorTimeout: '4000000000000119',
} as const;

const DECLINES: Record<string, string> = {
  [CARDS.declined]: 'card_declined',
  [CARDS.insufficientFunds]: 'insufficient_funds',
  [CARDS.processorTimeout]: 'processor_timeout',
};

type PaymentsCall = 'authorizePayment' | 'capturePayment' | 'voidPayment' | 'refundPayment';

export class FakePayments implements PaymentsPort {
  readonly payments = new Map<string, PaymentOutcome & { amount: number }>();
  /** Calls that throw AFTER doing their work, as a call whose answer is lost does. */
  readonly failing = new Set<PaymentsCall>();
  /** Holds authorizations open so concurrent checkouts overlap. */
  authorizeDelayMs = 0;
  /** Runs while an authorization is in progress (the shopper acting in the middle of a checkout). */
  onAuthorize: (() => void) | null = null;
  constructor(private readonly calls: CallLog) {}

  private async leave<T>(call: PaymentsCall, result: T): Promise<T> {
    await Promise.resolve();
    if (this.failing.has(call)) throw new Error(`payments ${call} timed out`);
    return result;
  }

  private move(orderId: string, from: PaymentStatus, to: PaymentStatus): PaymentOutcome | null {
    const payment = this.payments.get(orderId);
    if (!payment) return null;
    if (payment.status !== from && payment.status !== to) throw new Error(`payment is ${payment.status}`);
    payment.status = to;
    return { status: payment.status, declineReason: payment.declineReason };
  }

  async authorizePayment(request: { orderId: string; amount: number; card: { cardNumber: string } }) {
    this.calls.push('payments.authorizePayment');
    if (this.authorizeDelayMs) await new Promise((resolve) => setTimeout(resolve, this.authorizeDelayMs));
    this.onAuthorize?.();
    const declineReason = DECLINES[request.card.cardNumber] ?? null;
    const payment = this.payments.get(request.orderId) ?? {
      status: declineReason ? ('DECLINED' as const) : ('AUTHORIZED' as const),
      declineReason,
      amount: request.amount,
    };
    this.payments.set(request.orderId, payment);
    return this.leave('authorizePayment', { status: payment.status, declineReason: payment.declineReason });
  }

  async capturePayment(orderId: string) {
    this.calls.push('payments.capturePayment');
    const moved = this.move(orderId, 'AUTHORIZED', 'CAPTURED');
    if (!moved) throw new Error('no payment');
    return this.leave('capturePayment', moved);
  }

  async voidPayment(orderId: string) {
    this.calls.push('payments.voidPayment');
    return this.leave('voidPayment', this.move(orderId, 'AUTHORIZED', 'VOIDED'));
  }

  async refundPayment(orderId: string) {
    this.calls.push('payments.refundPayment');
    return this.leave('refundPayment', this.move(orderId, 'CAPTURED', 'REFUNDED'));
  }

  statusOf(orderId: string): PaymentStatus | undefined {
    return this.payments.get(orderId)?.status;
  }
}

export interface FakeServices {
  calls: CallLog;
  cart: FakeCart;
  inventory: FakeInventory;
  payments: FakePayments;
  ports: CheckoutPorts;
}

export function fakeServices(names: Record<string, string> = {}): FakeServices {
  const calls: CallLog = [];
  const cart = new FakeCart(calls);
  const inventory = new FakeInventory(calls);
  const payments = new FakePayments(calls);
  return { calls, cart, inventory, payments, ports: { cart, catalog: new FakeCatalog(names), inventory, payments } };
}
