import { badUserInput, notFound } from '@agora/subgraph-kit';
import type { CartRepository } from './cart.repository';
import { MAX_LINE_QUANTITY } from './db/schema';
import { loadAll, type Loaders } from './loaders';

/** BAD_USER_INPUT unless `quantity` is a whole number of units a line may hold. */
export function checkQuantity(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY) {
    throw badUserInput(`quantity: must be between 1 and ${MAX_LINE_QUANTITY}`, 'quantity');
  }
}

function checkInStock(quantity: number, available: number): void {
  if (quantity > available) throw badUserInput(`quantity: only ${available} in stock`, 'quantity');
}

function noSuchItem(itemId: string): Error {
  return notFound(`Your cart has no item ${itemId}.`);
}

/**
 * The cart's rules: what may be added and how much. Prices and stock come from the
 * per-request loaders (one catalog and one inventory request however long the cart),
 * and every write runs in one transaction. Callers clear the loaders they changed.
 */
export class CartService {
  constructor(
    private readonly carts: CartRepository,
    private readonly loaders: Loaders,
  ) {}

  /** Adds units of a product to the user's cart, on top of any already there. */
  async add(userId: string, productId: string, quantity: number): Promise<void> {
    checkQuantity(quantity);
    const lines = await this.loaders.lines.load(userId);
    // One catalog request prices the new product and the cart's others (for the currency check
    // now, and for the cart this mutation returns); the stock request runs alongside it.
    const [products, available] = await Promise.all([
      loadAll(this.loaders.product, [productId, ...lines.map((line) => line.productId)]),
      this.loaders.availableQuantity.load(productId),
    ]);
    const [product, ...others] = products;
    if (!product) throw badUserInput(`productId: there is no product ${productId}`, 'productId');
    const currency = others.find((other) => other !== null)?.price.currency;
    if (currency && currency !== product.price.currency) {
      throw badUserInput(`productId: priced in ${product.price.currency}, your cart is in ${currency}`, 'productId');
    }
    await this.carts.inTransaction(async (carts) => {
      const cartId = await carts.ensureCart(userId);
      const existing = (await carts.lockLine(cartId, productId))?.quantity ?? 0;
      const total = existing + quantity;
      if (total > MAX_LINE_QUANTITY) {
        throw badUserInput(
          `quantity: a cart holds at most ${MAX_LINE_QUANTITY} of a product and already has ${existing}`,
          'quantity',
        );
      }
      checkInStock(total, available);
      await carts.addUnits(cartId, productId, quantity);
    });
  }

  /** Sets the quantity of a line of the user's cart. */
  async update(userId: string, itemId: string, quantity: number): Promise<void> {
    checkQuantity(quantity);
    const line = await this.carts.lineOf(userId, itemId);
    if (!line) throw noSuchItem(itemId);
    checkInStock(quantity, await this.loaders.availableQuantity.load(line.productId));
    await this.carts.inTransaction(async (carts) => {
      if (!(await carts.setQuantity(userId, itemId, quantity))) throw noSuchItem(itemId);
      await carts.touch(userId);
    });
  }

  /** Removes a line of the user's cart. */
  async remove(userId: string, itemId: string): Promise<void> {
    await this.carts.inTransaction(async (carts) => {
      if (!(await carts.deleteLine(userId, itemId))) throw noSuchItem(itemId);
      await carts.touch(userId);
    });
  }

  /** Empties the user's cart. */
  async clear(userId: string): Promise<void> {
    await this.carts.inTransaction(async (carts) => {
      await carts.deleteLines(userId);
      await carts.touch(userId);
    });
  }
}
