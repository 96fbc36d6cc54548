import type { EventPayload } from '@agora/events';
import type { Executor } from '@agora/postgres';
import { sql } from 'drizzle-orm';
import type { schema } from './db';
import { cancelledOrders, deletedProducts, orderLines, productCategories } from './db/schema';

// Each writer runs in the transaction idempotentHandler opened for the event (the one
// that also records it in handled_events) and opens none of its own.

/**
 * Serializes the events of one order: OrderPlaced and OrderCancelled of the same
 * order may be handled at once (pg-boss runs a batch concurrently), and each must
 * see what the other committed.
 */
async function lockOrder(tx: Executor<typeof schema>, orderId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`recommendations:order:${orderId}`}))`);
}

/** One line per product (an order could list a product twice). */
function mergeLines(items: EventPayload<'OrderPlaced'>['items']): Map<string, number> {
  const quantities = new Map<string, number>();
  for (const item of items) quantities.set(item.productId, (quantities.get(item.productId) ?? 0) + item.quantity);
  return quantities;
}

/**
 * Adds a placed order to the sales and co-purchase counts. An order already counted
 * (re-published under a new event id) or already cancelled adds nothing.
 */
export async function applyOrderPlaced(tx: Executor<typeof schema>, order: EventPayload<'OrderPlaced'>): Promise<void> {
  await lockOrder(tx, order.orderId);
  const known = await tx.execute<{ known: boolean }>(sql`select
    exists (select 1 from ${orderLines} where order_id = ${order.orderId})
    or exists (select 1 from ${cancelledOrders} where order_id = ${order.orderId}) as known`);
  if (known.rows[0]?.known || order.items.length === 0) return;

  // Sorted by product, so concurrent orders take row locks in one order (fewer deadlocks).
  const lines = [...mergeLines(order.items)]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([productId, quantity]) => ({ orderId: order.orderId, userId: order.userId, productId, quantity }));
  await tx.insert(orderLines).values(lines);
  await tx.execute(sql`insert into product_sales (product_id, units)
    select product_id, quantity from order_lines where order_id = ${order.orderId} order by product_id
    on conflict (product_id) do update set units = product_sales.units + excluded.units`);
  await tx.execute(sql`insert into co_purchases (product_id, other_product_id, orders)
    select a.product_id, b.product_id, 1
    from order_lines a join order_lines b on b.order_id = a.order_id and b.product_id <> a.product_id
    where a.order_id = ${order.orderId}
    order by a.product_id, b.product_id
    on conflict (product_id, other_product_id) do update set orders = co_purchases.orders + 1`);
}

/** Subtracts a cancelled order's contribution, from its recorded lines; then forgets the lines. */
export async function applyOrderCancelled(
  tx: Executor<typeof schema>,
  cancellation: EventPayload<'OrderCancelled'>,
): Promise<void> {
  const { orderId } = cancellation;
  await lockOrder(tx, orderId);
  const first = await tx.insert(cancelledOrders).values({ orderId, cancelledAt: new Date() }).onConflictDoNothing();
  if (first.rowCount === 0) return;
  await tx.execute(sql`update product_sales s set units = s.units - l.quantity
    from order_lines l where l.order_id = ${orderId} and s.product_id = l.product_id`);
  await tx.execute(sql`update co_purchases c set orders = c.orders - 1
    from order_lines a join order_lines b on b.order_id = a.order_id and b.product_id <> a.product_id
    where a.order_id = ${orderId} and c.product_id = a.product_id and c.other_product_id = b.product_id`);
  // A pair no remaining order holds is no recommendation at all.
  await tx.execute(sql`delete from co_purchases
    where orders = 0 and product_id in (select product_id from order_lines where order_id = ${orderId})`);
  await tx.execute(sql`delete from order_lines where order_id = ${orderId}`);
}

/**
 * Records a product's category. `occurredAt` orders the changes: an older change
 * delivered after a newer one is ignored. A deleted product stays deleted.
 */
export async function applyProductChanged(
  tx: Executor<typeof schema>,
  product: EventPayload<'ProductChanged'>,
  occurredAt: Date,
): Promise<void> {
  await tx.execute(sql`insert into ${productCategories} (product_id, category_id, listed_at, changed_at)
    select ${product.productId}, ${product.categoryId}, ${occurredAt}, ${occurredAt}
    where not exists (select 1 from ${deletedProducts} where product_id = ${product.productId})
    on conflict (product_id) do update set category_id = excluded.category_id, changed_at = excluded.changed_at
    where product_categories.changed_at <= excluded.changed_at`);
}

/** Marks a product deleted: it is never recommended again and leaves its category. */
export async function applyProductDeleted(
  tx: Executor<typeof schema>,
  deletion: EventPayload<'ProductDeleted'>,
  occurredAt: Date,
): Promise<void> {
  await tx
    .insert(deletedProducts)
    .values({ productId: deletion.productId, deletedAt: occurredAt })
    .onConflictDoNothing();
  await tx.execute(sql`delete from ${productCategories} where product_id = ${deletion.productId}`);
}
