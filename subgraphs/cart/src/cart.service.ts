import { badUserInput, MAX_MONEY_AMOUNT, notFound } from '@agora/subgraph-kit';
import type { CartRepository } from './cart.repository';
import { MAX_LINE_QUANTITY, type CartContents } from './db/schema';
import { loadAll, type Loaders } from './loaders';
import { cartCurrency, priceCart, type PricedCart } from './pricing';
import type { Money } from './product-catalog';

/** BAD_USER_INPUT unless `quantity` is a whole number of units a line may hold. */
function checkQuantity(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY) {
    throw badUserInput(`quantity: must be between 1 and ${MAX_LINE_QUANTITY}`, 'quantity');
  }
}

function checkInStock(quantity: number, available: number): void {
  if (quantity > available) throw badUserInput(`quantity: only ${available} in stock`, 'quantity');
}

/**
 * BAD_USER_INPUT unless `quantity` units at `unitPrice`, on top of the rest of the
 * cart (`othersSubtotal`), stay within the money bound every service shares.
 */
function checkWithinMoneyBound(quantity: number, unitPrice: Money, othersSubtotal: number): void {
  const subtotal = othersSubtotal + unitPrice.amount * quantity;
  if (subtotal <= MAX_MONEY_AMOUNT) return;
  throw badUserInput(
    `quantity: ${quantity} × ${unitPrice.amount} would bring the cart's subtotal to ${subtotal} ${unitPrice.currency}, ` +
      `over the limit of ${MAX_MONEY_AMOUNT} (amounts in minor units)`,
    'quantity',
  );
}

/** What the rest of the cart costs: its subtotal without the line `itemId` (when it counts toward it). */
function subtotalWithout(cart: PricedCart, itemId: string | undefined): number {
  const line = cart.items.find((item) => item.id === itemId);
  return cart.subtotal.amount - (line?.problem === null ? (line.lineTotal?.amount ?? 0) : 0);
}

function noSuchItem(itemId: string): Error {
  return notFound(`Your cart has no item ${itemId}.`);
}

/**
 * The cart's rules: what may be added and how much. Prices and stock come from the
 * per-request loaders (one catalog and one inventory request however long the cart),
 * and every write runs in one transaction that first locks the cart, so changes to one
 * cart are checked against its lines one at a time. Callers clear the loaders they
 * changed.
 */
export class CartService {
  constructor(
    private readonly carts: CartRepository,
    private readonly loaders: Loaders,
  ) {}

  /** Adds units of a product to the user's cart, on top of any already there. */
  async add(userId: string, productId: string, quantity: number): Promise<void> {
    checkQuantity(quantity);
    const { lines } = await this.loaders.contents.load(userId);
    // One catalog request prices the new product and the cart's others (for the checks
    // now, and for the cart this mutation returns); the stock request runs alongside it.
    const [[product], available] = await Promise.all([
      loadAll(this.loaders.product, [productId, ...lines.map((line) => line.productId)]),
      this.loaders.availableQuantity.load(productId),
    ]);
    if (!product) throw badUserInput(`productId: there is no product ${productId}`, 'productId');
    if (product.removed) throw badUserInput(`productId: product ${productId} is no longer sold`, 'productId');
    await this.carts.transaction(async (carts) => {
      const cartId = await carts.ensureCart(userId);
      const contents = await carts.contentsOf(userId);
      const { cart, currency } = await this.price(userId, contents);
      // The first product into an empty cart chooses its currency; every other must be priced in it.
      const cartIn = currency ?? product.price.currency;
      if (product.price.currency !== cartIn) {
        throw badUserInput(`productId: priced in ${product.price.currency}, your cart is in ${cartIn}`, 'productId');
      }
      const line = cart.items.find((item) => item.productId === productId);
      const existing = line?.quantity ?? 0;
      const total = existing + quantity;
      if (total > MAX_LINE_QUANTITY) {
        throw badUserInput(
          `quantity: a cart holds at most ${MAX_LINE_QUANTITY} of a product and already has ${existing}`,
          'quantity',
        );
      }
      checkInStock(total, available);
      checkWithinMoneyBound(total, product.price, subtotalWithout(cart, line?.id));
      if (contents.currency !== cartIn) await carts.setCurrency(cartId, cartIn);
      await carts.addUnits(cartId, productId, quantity);
    });
  }

  /** Sets the quantity of a line of the user's cart. */
  async update(userId: string, itemId: string, quantity: number): Promise<void> {
    checkQuantity(quantity);
    const { lines } = await this.loaders.contents.load(userId);
    const line = lines.find((candidate) => candidate.id === itemId);
    if (!line) throw noSuchItem(itemId);
    const [, available] = await Promise.all([
      loadAll(
        this.loaders.product,
        lines.map((candidate) => candidate.productId),
      ),
      this.loaders.availableQuantity.load(line.productId),
    ]);
    await this.carts.transaction(async (carts) => {
      if (!(await carts.touch(userId))) throw noSuchItem(itemId);
      const { cart } = await this.price(userId, await carts.contentsOf(userId));
      const current = cart.items.find((item) => item.id === itemId);
      if (!current) throw noSuchItem(itemId);
      const raised = quantity > current.quantity;
      // A product no longer sold says so before its stock does; so does one the cart cannot be
      // bought in, when more of it is asked for (fewer units are always allowed).
      if (!current.unitPrice || (raised && current.problem === 'CURRENCY_MISMATCH')) {
        throw badUserInput(`itemId: ${current.problemMessage}`, 'itemId');
      }
      checkInStock(quantity, available);
      // Fewer units never take the cart over the bound, even if a price rose since.
      if (raised) checkWithinMoneyBound(quantity, current.unitPrice, subtotalWithout(cart, itemId));
      await carts.setQuantity(userId, itemId, quantity);
    });
  }

  /** Removes a line of the user's cart; the last one frees the cart's currency. */
  async remove(userId: string, itemId: string): Promise<void> {
    await this.carts.transaction(async (carts) => {
      // Locked first, so the cart's last line going is seen by the statement that frees its currency.
      if (!(await carts.lockCart(userId))) throw noSuchItem(itemId);
      if (!(await carts.deleteLine(userId, itemId))) throw noSuchItem(itemId);
      await carts.touch(userId);
    });
  }

  /** Empties the user's cart, freeing its currency. */
  async clear(userId: string): Promise<void> {
    await this.carts.transaction(async (carts) => {
      if (!(await carts.lockCart(userId))) return;
      await carts.deleteLines(userId);
      await carts.touch(userId);
    });
  }

  /**
   * The cart at the catalog's prices, and its currency (null while it is empty, see
   * `cartCurrency`). Products come from the request's loader: one added meanwhile costs
   * one more catalog request.
   */
  private async price(userId: string, contents: CartContents): Promise<{ cart: PricedCart; currency: string | null }> {
    const products = await loadAll(
      this.loaders.product,
      contents.lines.map((line) => line.productId),
    );
    const byId = new Map(products.flatMap((product) => (product ? [[product.id, product] as const] : [])));
    const productOf = (id: string) => byId.get(id) ?? null;
    return { cart: priceCart(userId, contents, productOf), currency: cartCurrency(contents, productOf) };
  }
}
