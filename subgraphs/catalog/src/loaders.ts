import DataLoader from 'dataloader';
import type { CategoryRepository } from './category.repository';
import type { ProductRepository } from './product.repository';
import type { CategoryDoc, ProductDoc } from './store';

export interface Loaders {
  productById: DataLoader<string, ProductDoc | null>;
  categoryById: DataLoader<string, CategoryDoc | null>;
  /** Direct children, by name, of a category. */
  childrenByParentId: DataLoader<string, CategoryDoc[]>;
}

/** Places rows back in the order of the keys DataLoader asked for. */
function byId<T extends { _id: string }>(ids: readonly string[], rows: readonly T[]): (T | null)[] {
  const found = new Map(rows.map((row) => [row._id, row]));
  return ids.map((id) => found.get(id) ?? null);
}

/** Created per request: a cache must never outlive one caller's request. */
export function createLoaders(products: ProductRepository, categories: CategoryRepository): Loaders {
  return {
    productById: new DataLoader(async (ids) => byId(ids, await products.byIds(ids))),
    categoryById: new DataLoader(async (ids) => byId(ids, await categories.byIds(ids))),
    childrenByParentId: new DataLoader(async (parentIds) => {
      const children = await categories.childrenOf(parentIds);
      return parentIds.map((parentId) => children.filter((child) => child.parentId === parentId));
    }),
  };
}
