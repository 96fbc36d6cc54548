import type { BaseContext } from '@agora/subgraph-kit';
import { CategoriesRepository } from './categories.repository';
import { createLoaders, type Loaders } from './loaders';
import { ProductsRepository } from './products.repository';
import type { CatalogStore } from './store';

export interface Context extends BaseContext {
  products: ProductsRepository;
  categories: CategoriesRepository;
  loaders: Loaders;
}

/** Builds the per-request context factory over one store. */
export function contextFactory(store: CatalogStore): (base: BaseContext) => Context {
  const products = new ProductsRepository(store.products);
  const categories = new CategoriesRepository(store.categories);
  return (base) => ({ ...base, products, categories, loaders: createLoaders(products, categories) });
}
