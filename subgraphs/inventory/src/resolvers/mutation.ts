import { ADMIN_ROLE, parseInput, requireRole } from '@agora/subgraph-kit';
import { z } from 'zod';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { externalId } from '../reservations.input';
import { reservationMutations } from './reservation-mutations';

export const MAX_STOCK = 1_000_000;

const stockQuantity = z.number().int().min(0, 'must not be negative').max(MAX_STOCK, `must be at most ${MAX_STOCK}`);

export const Mutation: MutationResolvers = {
  ...reservationMutations,
  setStock: async (_parent, args, { caller, stock, loaders }) => {
    const admin = requireRole(caller, ADMIN_ROLE);
    const productId = parseInput(externalId, args.productId, 'productId');
    const quantity = parseInput(stockQuantity, args.quantity, 'quantity');
    const onHand = await stock.setQuantity({ productId, quantity, reason: 'admin set stock', actorId: admin.userId });
    loaders.quantity.clear(productId).prime(productId, onHand);
    return { id: productId };
  },
};
