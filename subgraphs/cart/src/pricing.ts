import type { CartItemRow } from './db/schema';
import type { CatalogProduct, Money } from './product-catalog';

/** What an empty cart costs: nothing is priced yet, so the shop's currency. */
export const EMPTY_CART_CURRENCY = 'USD';

/** A cart line at the catalog's current price. */
export interface PricedLine {
  id: string;
  productId: string;
  quantity: number;
  unitPrice: Money;
  lineTotal: Money;
}

/** A cart as the API shows it; `id` is its owner's user id. */
export interface PricedCart {
  id: string;
  items: PricedLine[];
  subtotal: Money;
  itemCount: number;
}

/**
 * Prices a user's lines with the catalog's products. A line whose product the catalog
 * no longer knows (deleted since it was added) is left out rather than failing the
 * whole cart; it stays stored and shows again if the product comes back.
 */
export function priceCart(
  userId: string,
  lines: readonly CartItemRow[],
  productOf: (productId: string) => CatalogProduct | null,
): PricedCart {
  const items: PricedLine[] = [];
  for (const line of lines) {
    const product = productOf(line.productId);
    if (!product) continue;
    items.push({
      id: line.id,
      productId: line.productId,
      quantity: line.quantity,
      unitPrice: product.price,
      lineTotal: { amount: product.price.amount * line.quantity, currency: product.price.currency },
    });
  }
  const currency = items[0]?.unitPrice.currency ?? EMPTY_CART_CURRENCY;
  // addToCart refuses a second currency; one here means the catalog repriced a product in another.
  const foreign = items.find((item) => item.unitPrice.currency !== currency);
  if (foreign) throw new Error(`cart of ${userId} mixes ${currency} and ${foreign.unitPrice.currency}`);
  return {
    id: userId,
    items,
    subtotal: { amount: items.reduce((sum, item) => sum + item.lineTotal.amount, 0), currency },
    itemCount: items.reduce((sum, item) => sum + item.quantity, 0),
  };
}
