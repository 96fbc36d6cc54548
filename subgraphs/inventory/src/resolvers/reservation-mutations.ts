import { parseInput, requireService } from '@agora/subgraph-kit';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import type { Loaders } from '../loaders';
import type { ReservationRecord } from '../reservation.repository';
import { reserveStockInput } from '../reservation.input';

/** Units on hand changed for these products: quantities read earlier in the request no longer hold. */
function forgetQuantities(loaders: Loaders, reservation: ReservationRecord | null): void {
  for (const item of reservation?.items ?? []) loaders.quantity.clear(item.productId);
}

type ReservationMutations = Pick<
  MutationResolvers,
  'reserveStock' | 'commitReservation' | 'releaseReservation' | 'restockOrder'
>;

/** The services that reserve stock: orders' checkout saga. */
const RESERVING_SERVICES = ['orders'] as const;

/** Called by the orders service only (its checkout saga, signed with its own key), never through the public API. */
export const reservationMutations: ReservationMutations = {
  reserveStock: async (_parent, args, { caller, reservations, loaders }) => {
    const service = requireService(caller, RESERVING_SERVICES);
    const input = parseInput(reserveStockInput, args.input, 'input');
    const reservation = await reservations.reserve(service.userId, input);
    forgetQuantities(loaders, reservation);
    return reservation;
  },
  commitReservation: (_parent, args, { caller, reservations }) => {
    requireService(caller, RESERVING_SERVICES);
    return reservations.commit(args.orderId);
  },
  releaseReservation: async (_parent, args, { caller, reservations, loaders }) => {
    const service = requireService(caller, RESERVING_SERVICES);
    const reservation = await reservations.release(service.userId, args.orderId);
    forgetQuantities(loaders, reservation);
    return reservation;
  },
  restockOrder: async (_parent, args, { caller, reservations, loaders }) => {
    const service = requireService(caller, RESERVING_SERVICES);
    const reservation = await reservations.restock(service.userId, args.orderId);
    forgetQuantities(loaders, reservation);
    return reservation;
  },
};
