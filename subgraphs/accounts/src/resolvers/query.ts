import { requireCaller } from '@agora/subgraph-kit';
import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  me: (_parent, _args, { caller, loaders }) => loaders.user.load(requireCaller(caller).userId),
};
