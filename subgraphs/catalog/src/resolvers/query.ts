import { badUserInput } from '@agora/subgraph-kit';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { listProducts } from '../product-listing';

export const Query: QueryResolvers = {
  products: (_parent, args, { products, categories }) => listProducts({ products, categories }, args),

  product: async (_parent, { id, slug }, { products, loaders }) => {
    if ((id == null) === (slug == null)) throw badUserInput('id: give exactly one of id and slug', 'id');
    if (id != null) {
      const product = await loaders.productById.load(id);
      return product?.deletedAt ? null : product;
    }
    const product = await products.bySlug(slug!);
    if (product) loaders.productById.prime(product._id, product);
    return product;
  },

  categories: async (_parent, _args, { categories, loaders }) => {
    const all = await categories.all();
    // Parents of these categories are among them: prime the loader so none is fetched again.
    for (const category of all) loaders.categoryById.prime(category._id, category);
    return all;
  },
};
