import type { BaseContext } from '@agora/subgraph-kit';
import { CategoryRepository } from './category.repository';
import { createLoaders, type Loaders } from './loaders';
import { ProductRepository } from './product.repository';
import type { CatalogStore } from './store';

export interface Context extends BaseContext {
  products: ProductRepository;
  categories: CategoryRepository;
  loaders: Loaders;
}

/** Builds the per-request context factory over one store. */
export function contextFactory(store: CatalogStore): (base: BaseContext) => Context {
  const products = new ProductRepository(store.products);
  const categories = new CategoryRepository(store.categories);
  return (base) => ({ ...base, products, categories, loaders: createLoaders(products, categories) });
}
