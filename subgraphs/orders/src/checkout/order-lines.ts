import { badUserInput, type CallScope, isMoneyAmount, MAX_MONEY_AMOUNT } from '@agora/subgraph-kit';
import type { NewOrderItem } from '../db/schema';
import type { CartSnapshot, CatalogPort, Money, StockLine } from './ports';

/** An order line before the order exists. */
export type OrderLine = Omit<NewOrderItem, 'orderId'>;

/**
 * The order's lines from the cart as the checkout locked it, with the catalog's names
 * (the cart's prices come from the catalog), in one currency. The cart must hold
 * something (BAD_USER_INPUT `cart is empty`), and every line must be one that can be
 * bought now: BAD_USER_INPUT naming the first that cannot (`cart.items.<id>`), in the
 * cart's words, so the shopper removes it and tries again.
 */
export async function orderLines(cart: CartSnapshot, catalog?: CatalogPort, scope?: CallScope): Promise<OrderLine[]> {
  if (cart.items.length === 0) throw badUserInput('cart is empty', 'cart');
  const items = cart.items.map((item) => {
    if (item.available) return item;
    const field = `cart.items.${item.itemId}`;
    throw badUserInput(`${field}: ${item.problem}`, field);
  });
  const ids = items.map((item) => item.productId);
  const names = (await catalog?.productNames(ids, scope)) ?? new Map<string, string>();
  return items.map((item) => {
    if (item.unitPrice.currency !== cart.subtotal.currency) throw new Error('the cart mixes currencies');
    return {
      productId: item.productId,
      productName: names.get(item.productId) ?? item.productId,
      quantity: item.quantity,
      unitAmount: item.unitPrice.amount,
      currency: item.unitPrice.currency,
      cartItemId: item.itemId,
    };
  });
}

/**
 * What the lines cost together. BAD_USER_INPUT when that is over the money bound every
 * service shares (the cart never lets a cart past it; this keeps payments from ever
 * being asked for an amount it must refuse).
 */
export function orderTotal(lines: OrderLine[]): Money {
  const currency = lines[0]?.currency ?? '';
  const amount = lines.reduce((sum, line) => sum + line.quantity * line.unitAmount, 0);
  if (isMoneyAmount(amount)) return { amount, currency };
  throw badUserInput(
    `cart: the order would cost ${amount} ${currency}, over the limit of ${MAX_MONEY_AMOUNT} (amounts in minor units)`,
    'cart',
  );
}

/** Units per product: inventory takes each product at most once per reservation. */
export function stockLines(lines: OrderLine[]): StockLine[] {
  const units = new Map<string, number>();
  for (const line of lines) units.set(line.productId, (units.get(line.productId) ?? 0) + line.quantity);
  return [...units].map(([productId, quantity]) => ({ productId, quantity }));
}
