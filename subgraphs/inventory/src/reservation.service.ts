import { conflict, ErrorCode, notFound, serviceCaller } from '@agora/subgraph-kit';
import { GraphQLError } from 'graphql';
import type {
  MovementRecord,
  ReservationLineRecord,
  ReservationRecord,
  ReservationRepository,
} from './reservation.repository';
import type { ReserveStock } from './reservation.input';

/** The contract's CONFLICT: the caller learns which product is short and by how much. */
function notEnoughStock(productId: string, available: number): GraphQLError {
  return new GraphQLError(`Not enough stock for product ${productId}: ${available} available`, {
    extensions: { code: ErrorCode.Conflict, productId, available },
  });
}

/** Who the expiry sweep records as the actor of its movements. */
const EXPIRY_ACTOR = serviceCaller('inventory').userId;

/**
 * The rules of holding stock for orders. Each operation is one transaction: units
 * and reservation states change together or not at all.
 */
export class ReservationService {
  constructor(private readonly reservations: ReservationRepository) {}

  /** Holds every line or none; a second call for the same order returns the first reservation. */
  reserve(actorId: string, input: ReserveStock): Promise<ReservationRecord> {
    const expiresAt = new Date(Date.now() + input.ttlSeconds * 1000);
    // Product-id order: two reservations sharing products lock their stock rows in
    // the same order, so they queue instead of deadlocking.
    const items = [...input.items].sort(byProductId);
    return this.reservations.transaction(async (reservations) => {
      // A concurrent call for the same order waits here on the primary key until the
      // first commits (then finds its reservation) or rolls back (then goes on).
      if (!(await reservations.insertHeld(input.orderId, expiresAt))) {
        const existing = await reservations.find(input.orderId, { lock: false });
        if (!existing) throw new Error(`reservation ${input.orderId} vanished`);
        return existing;
      }
      const movements: MovementRecord[] = [];
      for (const item of items) {
        const left = await reservations.takeStock(item.productId, item.quantity);
        // Throwing rolls back the lines already taken.
        if (left === null) throw notEnoughStock(item.productId, await reservations.quantityOf(item.productId));
        movements.push(movement(item, -item.quantity, left, 'reserved', actorId, input.orderId));
      }
      await reservations.insertLines(input.orderId, items);
      await reservations.recordMovements(movements);
      return { orderId: input.orderId, status: 'HELD', expiresAt, items };
    });
  }

  /** HELD -> COMMITTED. Units already back on the shelf cannot be sold: CONFLICT. */
  commit(orderId: string): Promise<ReservationRecord> {
    return this.reservations.transaction(async (reservations) => {
      const reservation = await reservations.find(orderId, { lock: true });
      if (!reservation) throw notFound(`No reservation for order ${orderId}.`);
      switch (reservation.status) {
        case 'COMMITTED':
          return reservation;
        // Not yet swept past its expiry still means held: the units are there to sell.
        case 'HELD':
          await reservations.setStatus([orderId], 'COMMITTED');
          return { ...reservation, status: 'COMMITTED' };
        case 'RELEASED':
        case 'EXPIRED':
        case 'RESTOCKED':
          throw conflict(`The reservation for order ${orderId} is ${reservation.status}: its units are not held.`);
      }
    });
  }

  /** HELD -> RELEASED with the units back. Null when the order has no reservation. */
  release(actorId: string, orderId: string): Promise<ReservationRecord | null> {
    return this.reservations.transaction(async (reservations) => {
      const reservation = await reservations.find(orderId, { lock: true });
      if (!reservation) return null;
      switch (reservation.status) {
        case 'HELD':
          return returnUnits(reservations, reservation, 'RELEASED', 'released', actorId);
        // Units already back on the shelf: nothing to do.
        case 'RELEASED':
        case 'EXPIRED':
        case 'RESTOCKED':
          return reservation;
        case 'COMMITTED':
          throw conflict(`The reservation for order ${orderId} is COMMITTED: restock the order instead.`);
      }
    });
  }

  /** COMMITTED -> RESTOCKED with the units back, for a cancelled order. Null when none. */
  restock(actorId: string, orderId: string): Promise<ReservationRecord | null> {
    return this.reservations.transaction(async (reservations) => {
      const reservation = await reservations.find(orderId, { lock: true });
      if (!reservation) return null;
      switch (reservation.status) {
        case 'COMMITTED':
          return returnUnits(reservations, reservation, 'RESTOCKED', 'restocked', actorId);
        case 'RESTOCKED':
        case 'RELEASED':
        case 'EXPIRED':
          return reservation;
        case 'HELD':
          throw conflict(`The reservation for order ${orderId} is HELD: release it instead.`);
      }
    });
  }

  /** Every HELD reservation past its expiry at `now` -> EXPIRED with the units back. */
  releaseExpired(now: Date = new Date()): Promise<ReservationRecord[]> {
    return this.reservations.transaction(async (reservations) =>
      returnAllUnits(reservations, await reservations.lockExpired(now), 'EXPIRED', 'expired', EXPIRY_ACTOR),
    );
  }
}

function movement(
  line: ReservationLineRecord,
  delta: number,
  quantityAfter: number,
  reason: string,
  actorId: string | null,
  orderId: string,
): MovementRecord {
  return { productId: line.productId, delta, quantityAfter, reason, actorId, orderId };
}

/** One order for locking stock rows, shared by every transaction that takes or returns units. */
function byProductId(a: { productId: string }, b: { productId: string }): number {
  return a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0;
}

type Returned = 'RELEASED' | 'EXPIRED' | 'RESTOCKED';

/** Puts the units of locked reservations back (stock rows in product-id order) and sets their status. */
async function returnAllUnits(
  reservations: ReservationRepository,
  locked: readonly ReservationRecord[],
  status: Returned,
  reason: string,
  actorId: string | null,
): Promise<ReservationRecord[]> {
  const lines = locked
    .flatMap((reservation) => reservation.items.map((line) => ({ ...line, orderId: reservation.orderId })))
    .sort(byProductId);
  const movements: MovementRecord[] = [];
  for (const line of lines) {
    const after = await reservations.returnStock(line.productId, line.quantity);
    movements.push(movement(line, line.quantity, after, reason, actorId, line.orderId));
  }
  await reservations.recordMovements(movements);
  await reservations.setStatus(
    locked.map((reservation) => reservation.orderId),
    status,
  );
  return locked.map((reservation) => ({ ...reservation, status }));
}

async function returnUnits(
  reservations: ReservationRepository,
  reservation: ReservationRecord,
  status: Returned,
  reason: string,
  actorId: string,
): Promise<ReservationRecord> {
  await returnAllUnits(reservations, [reservation], status, reason, actorId);
  return { ...reservation, status };
}
