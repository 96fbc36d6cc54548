import { ADMIN_ROLE, parseInput, requireRole } from '@agora/subgraph-kit';
import { z } from 'zod';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { reservationMutations } from './reservation-mutations';

const MAX_STOCK = 1_000_000;

const stockQuantity = z.number().int().min(0, 'must not be negative').max(MAX_STOCK, `must be at most ${MAX_STOCK}`);

export const Mutation: MutationResolvers = {
  ...reservationMutations,
  setStock: async (_parent, args, { caller, stock, loaders, requestId, deadline }) => {
    const admin = requireRole(caller, ADMIN_ROLE);
    const { productId } = args;
    const quantity = parseInput(stockQuantity, args.quantity, 'quantity');
    const change = { productId, quantity, reason: 'admin set stock', actorId: admin.userId };
    const onHand = await stock.setQuantity(change, { requestId, deadline });
    loaders.quantity.clear(productId).prime(productId, onHand);
    return { id: productId };
  },
};
