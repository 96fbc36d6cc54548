import type { UserResolvers } from '../__generated__/resolvers-types';
import { requireCartOwner } from '../authorization';

export const User: UserResolvers = {
  cart: (user, _args, { caller, loaders }) => {
    requireCartOwner(caller, user.id);
    return loaders.pricedCart.load(user.id);
  },
};
