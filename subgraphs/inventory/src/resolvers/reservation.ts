import { isoTimestamp } from '@agora/subgraph-kit';
import type { ReservationResolvers } from '../__generated__/resolvers-types';

export const Reservation: ReservationResolvers = {
  expiresAt: (reservation) => isoTimestamp(reservation.expiresAt),
};
