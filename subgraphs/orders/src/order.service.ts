import { type CallScope, conflict, isOwnerOr, notFound, type Caller } from '@agora/subgraph-kit';
import type { InventoryPort, PaymentsPort } from './checkout/ports';
import type { OrderRow } from './db/schema';
import { CANCELLED_BY_CUSTOMER } from './order-events';
import type { OrderRepository } from './order.repository';

/**
 * Who may read an order: its owner, an admin, or another service. Everyone else is
 * told nothing, not even that it exists (Query.order answers null, as for an
 * unknown id).
 */
export function canReadOrder(caller: Caller | null, order: OrderRow): boolean {
  return isOwnerOr(caller, order.userId, { admin: true, service: true });
}

/** The rules for changing an order after checkout. */
export class OrderService {
  constructor(
    private readonly orders: OrderRepository,
    private readonly ports: { inventory: InventoryPort; payments: PaymentsPort },
  ) {}

  /**
   * Cancels the caller's CONFIRMED order: stock back, payment refunded, then
   * CANCELLED. Both calls are idempotent, so a cancel that failed half-way is
   * finished by trying again.
   */
  async cancel(caller: Caller, id: string, scope?: CallScope): Promise<OrderRow> {
    const order = await this.orders.byId(id);
    if (!order || order.userId !== caller.userId) throw notFound(`No order has the id ${id}.`);
    if (order.status !== 'CONFIRMED') {
      throw conflict(`Order ${id} is ${order.status}: only a CONFIRMED order can be cancelled.`);
    }
    await this.ports.inventory.restockOrder(id, scope);
    await this.ports.payments.refundPayment(id, scope);
    const cancelled = await this.orders.transition(
      id,
      ['CONFIRMED'],
      { status: 'CANCELLED' },
      { type: 'OrderCancelled', reason: CANCELLED_BY_CUSTOMER },
    );
    if (cancelled) return cancelled;
    // A concurrent cancel won the update: the order is CANCELLED either way.
    const now = await this.orders.byId(id);
    if (now?.status === 'CANCELLED') return now;
    throw conflict(`Order ${id} is ${now?.status ?? 'gone'}: only a CONFIRMED order can be cancelled.`);
  }
}
