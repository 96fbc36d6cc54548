import { isMoneyAmount, MAX_MONEY_AMOUNT } from '@agora/subgraph-kit';
import type { CartContents, CartItemRow } from './db/schema';
import type { CatalogProduct, Money } from './product-catalog';

/** The currency of a cart without one (empty, or nothing in it sold any more): the shop's. */
const EMPTY_CART_CURRENCY = 'USD';

/** Why a line cannot be bought as the catalog stands now (the SDL's CartItemProblem). */
type CartItemProblem = 'PRODUCT_REMOVED' | 'CURRENCY_MISMATCH' | 'AMOUNT_LIMIT';

/** A cart line at the catalog's current price, or why it has none. */
export interface PricedLine {
  id: string;
  productId: string;
  quantity: number;
  /** Null when the product is no longer sold. */
  unitPrice: Money | null;
  /** `unitPrice` × `quantity`; null without a unit price or when that is over the money bound. */
  lineTotal: Money | null;
  /** Null when the line can be bought. */
  problem: CartItemProblem | null;
  /** The problem in words a shopper can read, naming the product; null when there is none. */
  problemMessage: string | null;
}

/** A cart as the API shows it; `id` is its owner's user id. */
export interface PricedCart {
  id: string;
  items: PricedLine[];
  /** What the lines that can be bought cost together; never over the money bound. */
  subtotal: Money;
  /** Units in the lines that can be bought. */
  itemCount: number;
}

export type ProductLookup = (productId: string) => CatalogProduct | null;

/** `amount` × `quantity`, or null when that is over the money bound. */
function lineAmount(amount: number, quantity: number): number | null {
  const total = amount * quantity;
  return isMoneyAmount(amount) && isMoneyAmount(total) ? total : null;
}

/**
 * The cart's currency: the one recorded with it, chosen by its first product; null for
 * an empty cart (its next first product chooses again). A cart with lines but none
 * recorded dates from before Agora recorded it: its currency is the one it was shown in
 * until then, that of its oldest line that can be bought on its own (on sale, its total
 * within the money bound), else of its oldest line still on sale, else null (nothing in
 * it is sold any more).
 */
export function cartCurrency({ currency, lines }: CartContents, productOf: ProductLookup): string | null {
  if (lines.length === 0) return null;
  if (currency !== null) return currency;
  const onSale = lines.flatMap((line) => {
    const product = productOf(line.productId);
    return product && !product.removed ? [{ line, price: product.price }] : [];
  });
  const buyable = onSale.find(({ line, price }) => lineAmount(price.amount, line.quantity) !== null);
  return (buyable ?? onSale[0])?.price.currency ?? null;
}

function unavailable(line: PricedLine, problem: CartItemProblem, problemMessage: string): PricedLine {
  return { ...line, problem, problemMessage };
}

/**
 * One line as the catalog stands, given the cart's currency (null only when no line of
 * it is on sale) and what the lines before it cost.
 */
function priceLine(
  line: CartItemRow,
  product: CatalogProduct | null,
  currency: string | null,
  subtotalBefore: number,
): PricedLine {
  const bare = { id: line.id, productId: line.productId, quantity: line.quantity, problem: null, problemMessage: null };
  if (!product || product.removed) {
    const name = product?.name ?? `Product ${line.productId}`;
    return unavailable(
      { ...bare, unitPrice: null, lineTotal: null },
      'PRODUCT_REMOVED',
      `${name} is no longer sold: remove it from your cart.`,
    );
  }
  const { name, price } = product;
  const amount = lineAmount(price.amount, line.quantity);
  const priced: PricedLine = {
    ...bare,
    unitPrice: price,
    lineTotal: amount === null ? null : { amount, currency: price.currency },
  };
  // The product changed currency, not the cart: this line is the one in the way, whatever its total.
  if (price.currency !== currency) {
    return unavailable(
      priced,
      'CURRENCY_MISMATCH',
      `${name} is now priced in ${price.currency}; your cart is in ${currency}: remove it to check out.`,
    );
  }
  if (amount === null || subtotalBefore + amount > MAX_MONEY_AMOUNT) {
    return unavailable(
      priced,
      'AMOUNT_LIMIT',
      `${name} (${line.quantity} × ${price.amount} ${price.currency}) would take your cart over the limit of ` +
        `${MAX_MONEY_AMOUNT} (amounts in minor units): lower its quantity or remove it.`,
    );
  }
  return priced;
}

/**
 * Prices a user's cart (lines oldest first) with the catalog's products. A line that
 * cannot be bought as the catalog stands now stays in the cart, visible and removable,
 * marked with its problem, and counts toward neither the subtotal nor the item count:
 * its product is unknown or removed from sale (PRODUCT_REMOVED), priced now in another
 * currency than the cart's (CURRENCY_MISMATCH: the cart keeps the currency its shopper
 * chose, so the line whose product changed is the one marked, however old, even alone),
 * or, taking the lines in order, it would take the subtotal over the money bound
 * (AMOUNT_LIMIT: a price rose since it was added). So the subtotal, in the cart's
 * currency, never passes the bound, and the same lines always get the same marks.
 */
export function priceCart(userId: string, contents: CartContents, productOf: ProductLookup): PricedCart {
  const currency = cartCurrency(contents, productOf);
  let subtotal = 0;
  let itemCount = 0;
  const items = contents.lines.map((line) => {
    const item = priceLine(line, productOf(line.productId), currency, subtotal);
    if (item.problem === null && item.lineTotal) {
      subtotal += item.lineTotal.amount;
      itemCount += item.quantity;
    }
    return item;
  });
  return { id: userId, items, subtotal: { amount: subtotal, currency: currency ?? EMPTY_CART_CURRENCY }, itemCount };
}
