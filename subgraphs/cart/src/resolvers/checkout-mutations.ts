import { parseInput, requireService } from '@agora/subgraph-kit';
import { CHECKOUT_SERVICES } from '../authorization';
import { z } from 'zod';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { MAX_LINE_QUANTITY } from '../db/schema';
import { reloadCart } from '../loaders';

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const userId = text(200);
const checkoutKey = text(200);
const ttlSeconds = z.number().int().min(1, 'must be at least 1').max(86_400, 'must be at most 86400 (a day)');
const orderedLines = z
  .array(
    z.object({
      itemId: text(100),
      quantity: z
        .number()
        .int()
        .min(1, 'must be at least 1')
        .max(MAX_LINE_QUANTITY, `must be at most ${MAX_LINE_QUANTITY}`),
    }),
  )
  .max(500, 'must be at most 500 lines')
  .refine((lines) => new Set(lines.map((line) => line.itemId)).size === lines.length, 'must name each line once');

/**
 * The checkout lock's mutations (@inaccessible): only the orders service (its
 * checkout) calls them, signed with its own key, naming the user, since its recovery runs without one.
 */
export const checkoutMutations: Pick<MutationResolvers, 'beginCheckout' | 'completeCheckout' | 'releaseCheckout'> = {
  beginCheckout: async (_parent, args, context) => {
    requireService(context.caller, CHECKOUT_SERVICES);
    const user = parseInput(userId, args.userId, 'userId');
    const contents = await context.checkouts.begin(
      user,
      parseInput(checkoutKey, args.checkoutKey, 'checkoutKey'),
      parseInput(ttlSeconds, args.ttlSeconds, 'ttlSeconds'),
    );
    // The cart as the lock found it: the lines and currency read in the locking transaction.
    context.loaders.contents.clear(user).prime(user, contents);
    context.loaders.pricedCart.clear(user);
    return context.loaders.pricedCart.load(user);
  },
  completeCheckout: async (_parent, args, context) => {
    requireService(context.caller, CHECKOUT_SERVICES);
    const user = parseInput(userId, args.userId, 'userId');
    await context.checkouts.complete(
      user,
      parseInput(checkoutKey, args.checkoutKey, 'checkoutKey'),
      parseInput(orderedLines, args.lines, 'lines'),
    );
    return reloadCart(context.loaders, user);
  },
  releaseCheckout: async (_parent, args, context) => {
    requireService(context.caller, CHECKOUT_SERVICES);
    const user = parseInput(userId, args.userId, 'userId');
    await context.checkouts.release(user, parseInput(checkoutKey, args.checkoutKey, 'checkoutKey'));
    return reloadCart(context.loaders, user);
  },
};
