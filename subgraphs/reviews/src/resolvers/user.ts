import type { UserResolvers } from '../__generated__/resolvers-types';
import { reviewConnection } from './connection';

export const User: UserResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  reviews: (user, args) => reviewConnection('authorId', user.id, args),
};
