import type { Resolvers } from '../__generated__/resolvers-types';
import { searchProducts } from '../search-results';

export const resolvers: Resolvers = {
  Query: {
    search: (_parent, args, { search }) => searchProducts(search, args),
  },
  ProductConnection: { totalCount: (connection) => connection.count() },
};
