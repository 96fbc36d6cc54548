import { ADMIN_ROLE, parseInput, requireRole } from '@agora/subgraph-kit';
import { z } from 'zod';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { reservationMutations } from './reservation-mutations';

export const MAX_STOCK = 1_000_000;

const setStockInput = z.object({
  productId: z.string().trim().min(1, 'must not be empty'),
  quantity: z.number().int().min(0, 'must not be negative').max(MAX_STOCK, `must be at most ${MAX_STOCK}`),
});

export const Mutation: MutationResolvers = {
  ...reservationMutations,
  setStock: async (_parent, args, { caller, stock, loaders, requestId }) => {
    const admin = requireRole(caller, ADMIN_ROLE);
    const input = parseInput(setStockInput, args, 'setStock');
    const change = { ...input, reason: 'admin set stock', actorId: admin.userId };
    const quantity = await stock.setQuantity(change, requestId);
    loaders.quantity.clear(input.productId).prime(input.productId, quantity);
    return { id: input.productId };
  },
};
