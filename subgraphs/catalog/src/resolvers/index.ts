import type { Resolvers } from '../__generated__/resolvers-types';
import { Category } from './category';
import { Mutation } from './mutation';
import { Product } from './product';
import { Query } from './query';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Product,
  Category,
  ProductConnection: { totalCount: (connection) => connection.count() },
};
