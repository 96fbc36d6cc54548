import { isUuid } from '@agora/postgres';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { CartDb } from './db';
import { cartItems, carts, type CartItemRow } from './db/schema';

type Database = CartDb['db'];
type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Ids that are not UUIDs cannot be in the table; asking Postgres would fail on the cast. */
export function isCartItemId(id: string): boolean {
  return isUuid(id);
}

/** The ids of the caller's cart, as a subquery: every line lookup is scoped to its owner. */
function cartOf(db: Database | Transaction, userId: string) {
  return db.select({ id: carts.id }).from(carts).where(eq(carts.userId, userId));
}

/** Carts and their lines; data access only (no GraphQL, no rules). */
export class CartRepository {
  constructor(private readonly db: Database | Transaction) {}

  /** Runs `work` in one transaction with a repository bound to it: all of it or nothing. */
  inTransaction<T>(work: (repository: CartRepository) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(new CartRepository(tx)));
  }

  /** The lines of each user's cart (none for a user without a cart), oldest first, in one statement. */
  async linesByUser(userIds: readonly string[]): Promise<Map<string, CartItemRow[]>> {
    const lines = new Map<string, CartItemRow[]>(userIds.map((userId) => [userId, []]));
    if (userIds.length === 0) return lines;
    const rows = await this.db
      .select({ userId: carts.userId, item: cartItems })
      .from(cartItems)
      .innerJoin(carts, eq(carts.id, cartItems.cartId))
      .where(inArray(carts.userId, [...userIds]))
      .orderBy(asc(cartItems.addedAt), asc(cartItems.id));
    for (const row of rows) lines.get(row.userId)?.push(row.item);
    return lines;
  }

  /** The lines of one user's cart, oldest first. */
  async linesOf(userId: string): Promise<CartItemRow[]> {
    return (await this.linesByUser([userId])).get(userId) ?? [];
  }

  /**
   * The user's cart id, creating the cart on first use; marks the cart as changed. The
   * cart's row stays locked until the transaction ends: changes to one cart queue up.
   */
  async ensureCart(userId: string): Promise<string> {
    const [cart] = await this.db
      .insert(carts)
      .values({ userId })
      .onConflictDoUpdate({ target: carts.userId, set: { updatedAt: sql`now()` } })
      .returning({ id: carts.id });
    if (!cart) throw new Error('cart upsert returned no row');
    return cart.id;
  }

  /** Adds units to the cart's line for a product, creating the line when there is none. */
  async addUnits(cartId: string, productId: string, quantity: number): Promise<CartItemRow> {
    const [line] = await this.db
      .insert(cartItems)
      .values({ cartId, productId, quantity })
      .onConflictDoUpdate({
        target: [cartItems.cartId, cartItems.productId],
        set: { quantity: sql`${cartItems.quantity} + excluded.quantity` },
      })
      .returning();
    if (!line) throw new Error('cart line upsert returned no row');
    return line;
  }

  /** Sets a line's quantity; false when the user's cart has no such line. */
  async setQuantity(userId: string, itemId: string, quantity: number): Promise<boolean> {
    if (!isCartItemId(itemId)) return false;
    const updated = await this.db
      .update(cartItems)
      .set({ quantity })
      .where(and(eq(cartItems.id, itemId), inArray(cartItems.cartId, cartOf(this.db, userId))))
      .returning({ id: cartItems.id });
    return updated.length > 0;
  }

  /** Deletes a line; false when the user's cart has no such line. */
  async deleteLine(userId: string, itemId: string): Promise<boolean> {
    if (!isCartItemId(itemId)) return false;
    const deleted = await this.db
      .delete(cartItems)
      .where(and(eq(cartItems.id, itemId), inArray(cartItems.cartId, cartOf(this.db, userId))))
      .returning({ id: cartItems.id });
    return deleted.length > 0;
  }

  /** Deletes every line of the user's cart (the cart itself stays). */
  async deleteLines(userId: string): Promise<void> {
    await this.db.delete(cartItems).where(inArray(cartItems.cartId, cartOf(this.db, userId)));
  }

  /**
   * Marks the user's cart as changed, locking its row until the transaction ends;
   * false when the user has no cart.
   */
  async touch(userId: string): Promise<boolean> {
    const touched = await this.db
      .update(carts)
      .set({ updatedAt: sql`now()` })
      .where(eq(carts.userId, userId))
      .returning({ id: carts.id });
    return touched.length > 0;
  }
}
