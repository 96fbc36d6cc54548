/**
 * What the checkout saga needs from other services, as plain interfaces: the real
 * implementations call the subgraphs over GraphQL (src/clients/), and the saga tests
 * stand in for those services' answers. A port returns an outcome the saga decides
 * on (a decline, a stock conflict) and throws only when the call itself failed. Each
 * call takes the request's CallScope (its id, and its deadline when a client waits).
 */

import type { CallScope } from '@agora/subgraph-kit';

export interface Money {
  amount: number;
  currency: string;
}

/**
 * A line of the cart as the catalog stands now: available with its unit price, or not
 * (its product removed from sale, repriced in another currency, or too dear for the
 * money bound) with the cart's words for why, naming the product.
 */
export type CartLine = { itemId: string; productId: string; quantity: number } & (
  { available: true; unitPrice: Money } | { available: false; problem: string }
);

/** The cart as a checkout found it when it locked it. */
export interface CartSnapshot {
  items: CartLine[];
  subtotal: Money;
}

/** `reason` is the cart's own message (e.g. `cart: a checkout of this cart is in progress`). */
export type BeginCheckoutOutcome = { begun: true; cart: CartSnapshot } | { begun: false; reason: string };

/** A cart line an order took, and how many of its units. */
export interface OrderedCartLine {
  itemId: string;
  quantity: number;
}

/**
 * The cart subgraph's checkout lock, called as the orders service for the user named
 * (the recovery sweep has no user identity). A checkout begins (locks the cart and
 * reads it; another checkout holding it is an outcome, not an error), then completes
 * (takes out the lines it ordered) or releases (leaves the cart as it is). Complete
 * and release are idempotent per checkout key.
 */
export interface CartPort {
  beginCheckout(
    userId: string,
    checkoutKey: string,
    ttlSeconds: number,
    scope?: CallScope,
  ): Promise<BeginCheckoutOutcome>;
  completeCheckout(userId: string, checkoutKey: string, lines: OrderedCartLine[], scope?: CallScope): Promise<void>;
  releaseCheckout(userId: string, checkoutKey: string, scope?: CallScope): Promise<void>;
}

/** The catalog: names to keep on the order lines. */
export interface CatalogPort {
  /** Names by product id; unknown products are absent. */
  productNames(productIds: string[], scope?: CallScope): Promise<Map<string, string>>;
}

export interface StockLine {
  productId: string;
  quantity: number;
}

/** `reason` is inventory's own message (e.g. `Not enough stock for product p-1: 2 available`). */
export type ReserveOutcome = { reserved: true } | { reserved: false; reason: string };

/** The inventory subgraph, called as the orders service. All calls are idempotent per order. */
export interface InventoryPort {
  reserveStock(orderId: string, items: StockLine[], ttlSeconds: number, scope?: CallScope): Promise<ReserveOutcome>;
  commitReservation(orderId: string, scope?: CallScope): Promise<void>;
  releaseReservation(orderId: string, scope?: CallScope): Promise<void>;
  restockOrder(orderId: string, scope?: CallScope): Promise<void>;
}

export type PaymentStatus = 'AUTHORIZED' | 'CAPTURED' | 'VOIDED' | 'REFUNDED' | 'DECLINED';

export interface PaymentOutcome {
  status: PaymentStatus;
  /** `card_declined`, `insufficient_funds`, `processor_timeout` when DECLINED. */
  declineReason: string | null;
}

/** A card checked by the payments contract's card rule: `cardNumber` holds digits only. */
export interface Card {
  cardNumber: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

export interface AuthorizeRequest {
  orderId: string;
  userId: string;
  amount: number;
  currency: string;
  card: Card;
}

/** The payments subgraph, called as the orders service. All calls are idempotent per order. */
export interface PaymentsPort {
  /** A decline is an outcome (status DECLINED), not an error. */
  authorizePayment(request: AuthorizeRequest, scope?: CallScope): Promise<PaymentOutcome>;
  capturePayment(orderId: string, scope?: CallScope): Promise<PaymentOutcome>;
  /** Null when the order has no payment. */
  voidPayment(orderId: string, scope?: CallScope): Promise<PaymentOutcome | null>;
  /** Null when the order has no payment. */
  refundPayment(orderId: string, scope?: CallScope): Promise<PaymentOutcome | null>;
}

export interface CheckoutPorts {
  cart: CartPort;
  /** Without it, an order line's name is its product id. */
  catalog?: CatalogPort;
  inventory: InventoryPort;
  payments: PaymentsPort;
}
