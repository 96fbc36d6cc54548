import type { ReservationResolvers } from '../__generated__/resolvers-types';

export const Reservation: ReservationResolvers = {
  expiresAt: (reservation) => reservation.expiresAt.toISOString(),
};
