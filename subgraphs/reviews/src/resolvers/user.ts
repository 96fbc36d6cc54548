import type { UserResolvers } from '../__generated__/resolvers-types';
import { reviewConnection } from './connection';

export const User: UserResolvers = {
  reviews: (user, args) => reviewConnection('authorId', user.id, args),
};
