import { inTransaction, isUuid, type Executor } from '@agora/postgres';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { schema } from './db';
import { cartItems, carts, completedCheckouts, type CartContents, type CartItemRow } from './db/schema';

/** Ids that are not UUIDs cannot be in the table; asking Postgres would fail on the cast. */
function isCartItemId(id: string): boolean {
  return isUuid(id);
}

/** The ids of the caller's cart, as a subquery: every line lookup is scoped to its owner. */
function cartOf(db: Executor<typeof schema>, userId: string) {
  return db.select({ id: carts.id }).from(carts).where(eq(carts.userId, userId));
}

/** Carts and their lines; data access only (no GraphQL, no rules). */
export class CartRepository {
  constructor(private readonly db: Executor<typeof schema>) {}

  /** Runs `work` in one transaction with a repository bound to it: all of it or nothing. */
  transaction<T>(work: (carts: CartRepository) => Promise<T>): Promise<T> {
    return inTransaction(this.db, (tx) => work(new CartRepository(tx)));
  }

  /**
   * What each user's cart holds: its lines, oldest first, and its currency (no lines and
   * no currency for a user without a cart), in one statement.
   */
  async contentsByUser(userIds: readonly string[]): Promise<Map<string, CartContents>> {
    const contents = new Map<string, CartContents>(userIds.map((userId) => [userId, { currency: null, lines: [] }]));
    if (userIds.length === 0) return contents;
    const rows = await this.db
      .select({ userId: carts.userId, currency: carts.currency, item: cartItems })
      .from(carts)
      .leftJoin(cartItems, eq(cartItems.cartId, carts.id))
      .where(inArray(carts.userId, [...userIds]))
      .orderBy(asc(cartItems.addedAt), asc(cartItems.id));
    for (const { userId, currency, item } of rows) {
      const cart = contents.get(userId);
      if (!cart) continue;
      cart.currency = currency;
      if (item) cart.lines.push(item);
    }
    return contents;
  }

  /** What one user's cart holds. */
  async contentsOf(userId: string): Promise<CartContents> {
    return (await this.contentsByUser([userId])).get(userId) ?? { currency: null, lines: [] };
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

  /** Records the currency the cart's lines are bought in. */
  async setCurrency(cartId: string, currency: string): Promise<void> {
    await this.db.update(carts).set({ currency }).where(eq(carts.id, cartId));
  }

  /**
   * Records the currency of carts that have lines but none recorded (carts from before
   * Agora recorded it), in one statement; a cart that has one meanwhile keeps it.
   */
  async recordMissingCurrencies(found: readonly { userId: string; currency: string }[]): Promise<void> {
    if (found.length === 0) return;
    const values: SQL = sql`(values ${sql.join(
      found.map(({ userId, currency }) => sql`(${userId}, ${currency})`),
      sql`, `,
    )}) as found (user_id, currency)`;
    await this.db.execute(
      sql`update ${carts} set currency = found.currency from ${values}
          where ${carts.userId} = found.user_id and ${carts.currency} is null
            and exists (select 1 from ${cartItems} where ${cartItems.cartId} = ${carts.id})`,
    );
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
   * Marks the user's cart as changed, locking its row until the transaction ends; a
   * cart left without lines forgets its currency (the next first product chooses it).
   * False when the user has no cart.
   */
  async touch(userId: string): Promise<boolean> {
    const touched = await this.db
      .update(carts)
      .set({
        updatedAt: sql`now()`,
        currency: sql`case when exists (select 1 from ${cartItems} where ${cartItems.cartId} = ${carts.id})
          then ${carts.currency} end`,
      })
      .where(eq(carts.userId, userId))
      .returning({ id: carts.id });
    return touched.length > 0;
  }

  /**
   * The user's cart with its checkout lock, its row locked until the transaction ends
   * (`lockLive`: whether the lock has not lapsed, by the database's clock); null when
   * the user has no cart.
   */
  async lockCart(userId: string): Promise<{ id: string; checkoutKey: string | null; lockLive: boolean } | null> {
    const [cart] = await this.db
      .select({
        id: carts.id,
        checkoutKey: carts.checkoutKey,
        lockLive: sql<boolean>`coalesce(${carts.checkoutExpiresAt} > now(), false)`,
      })
      .from(carts)
      .where(eq(carts.userId, userId))
      .for('update');
    return cart ?? null;
  }

  /** Gives the cart's checkout lock to `checkoutKey` for `ttlSeconds` from now. */
  async holdForCheckout(cartId: string, checkoutKey: string, ttlSeconds: number): Promise<void> {
    await this.db
      .update(carts)
      .set({ checkoutKey, checkoutExpiresAt: sql`now() + ${ttlSeconds} * interval '1 second'` })
      .where(eq(carts.id, cartId));
  }

  /** Frees the user's cart from the checkout `checkoutKey`; false when that checkout did not hold it. */
  async releaseCheckout(userId: string, checkoutKey: string): Promise<boolean> {
    const released = await this.db
      .update(carts)
      .set({ checkoutKey: null, checkoutExpiresAt: null })
      .where(and(eq(carts.userId, userId), eq(carts.checkoutKey, checkoutKey)))
      .returning({ id: carts.id });
    return released.length > 0;
  }

  async isCheckoutCompleted(cartId: string, checkoutKey: string): Promise<boolean> {
    const rows = await this.db
      .select({ key: completedCheckouts.checkoutKey })
      .from(completedCheckouts)
      .where(and(eq(completedCheckouts.cartId, cartId), eq(completedCheckouts.checkoutKey, checkoutKey)));
    return rows.length > 0;
  }

  /** Records the checkout as completed; false when it already was. */
  async recordCompletedCheckout(cartId: string, checkoutKey: string): Promise<boolean> {
    const inserted = await this.db
      .insert(completedCheckouts)
      .values({ cartId, checkoutKey })
      .onConflictDoNothing()
      .returning({ key: completedCheckouts.checkoutKey });
    return inserted.length > 0;
  }

  /**
   * Takes `quantity` units off each line `itemId` of the cart, deleting the lines that
   * reach 0; ids the cart no longer has are skipped. Two statements for any number of lines.
   */
  async subtractUnits(cartId: string, lines: readonly { itemId: string; quantity: number }[]): Promise<void> {
    const valid = lines.filter((line) => isCartItemId(line.itemId));
    if (valid.length === 0) return;
    const ordered: SQL = sql`(values ${sql.join(
      valid.map((line) => sql`(${line.itemId}::uuid, ${line.quantity}::integer)`),
      sql`, `,
    )}) as ordered (id, quantity)`;
    await this.db.execute(
      sql`delete from ${cartItems} using ${ordered}
          where ${cartItems.cartId} = ${cartId} and ${cartItems.id} = ordered.id and ${cartItems.quantity} <= ordered.quantity`,
    );
    await this.db.execute(
      sql`update ${cartItems} set quantity = ${cartItems.quantity} - ordered.quantity from ${ordered}
          where ${cartItems.cartId} = ${cartId} and ${cartItems.id} = ordered.id`,
    );
  }
}
