import type { Document } from 'mongodb';
import { productOrders, type ProductPosition, type ProductSort } from './product-order';
import type { ProductDoc, StoreCollection } from './store';

/** What a listing matches: category ids (already expanded to descendants), brand, price range. */
export interface ProductMatch {
  categoryIds?: readonly string[];
  brand?: string;
  minPrice?: number;
  maxPrice?: number;
}

export interface ProductPageRequest {
  match: ProductMatch;
  sort: ProductSort;
  after: ProductPosition | null;
  limit: number;
}

export type ProductChanges = Partial<Omit<ProductDoc, '_id' | 'createdAt'>>;

function filterOf(match: ProductMatch): Document {
  const filter: Document = {};
  if (match.categoryIds) filter.categoryId = { $in: [...match.categoryIds] };
  if (match.brand !== undefined) filter.brand = match.brand;
  if (match.minPrice !== undefined || match.maxPrice !== undefined) {
    filter['price.amount'] = {
      ...(match.minPrice === undefined ? {} : { $gte: match.minPrice }),
      ...(match.maxPrice === undefined ? {} : { $lte: match.maxPrice }),
    };
  }
  return filter;
}

/** Rows strictly after `position` in the order: a later key, or the same key and a later id. */
function afterFilter(sort: ProductSort, position: ProductPosition): Document {
  const { field, direction } = productOrders[sort];
  const beyond = direction === 1 ? '$gt' : '$lt';
  return {
    $or: [{ [field]: { [beyond]: position.key } }, { [field]: position.key, _id: { [beyond]: position.id } }],
  };
}

/** Products in their collection; data access only (no GraphQL, no auth rules). */
export class ProductsRepository {
  constructor(private readonly products: StoreCollection<ProductDoc>) {}

  /** The products with these ids, in one query, in no particular order. */
  byIds(ids: readonly string[]): Promise<ProductDoc[]> {
    return this.products.find({ _id: { $in: [...ids] } }).toArray();
  }

  bySlug(slug: string): Promise<ProductDoc | null> {
    return this.products.findOne({ slug });
  }

  /**
   * One page in keyset order, `limit + 1` rows so the caller knows whether more
   * follow. Range, sort and limit all run in the store, on the (key, _id) indexes.
   */
  page(request: ProductPageRequest): Promise<ProductDoc[]> {
    const { field, direction } = productOrders[request.sort];
    const match = filterOf(request.match);
    const filter = request.after ? { $and: [match, afterFilter(request.sort, request.after)] } : match;
    return this.products
      .find(filter)
      .sort({ [field]: direction, _id: direction })
      .limit(request.limit + 1)
      .toArray();
  }

  count(match: ProductMatch): Promise<number> {
    return this.products.countDocuments(filterOf(match));
  }

  /** Throws the store's duplicate key error (code 11000) when the slug is taken. */
  async insert(product: ProductDoc): Promise<ProductDoc> {
    await this.products.insertOne(product);
    return product;
  }

  /** The product after the change, or null when there is no such product. */
  update(id: string, changes: ProductChanges): Promise<ProductDoc | null> {
    return this.products.findOneAndUpdate({ _id: id }, { $set: changes }, { returnDocument: 'after' });
  }

  async delete(id: string): Promise<boolean> {
    const { deletedCount } = await this.products.deleteOne({ _id: id });
    return deletedCount > 0;
  }

  /** Inserts the products whose ids are not stored yet (seeding); returns how many. */
  async insertMissing(products: readonly ProductDoc[]): Promise<number> {
    if (products.length === 0) return 0;
    const existing = await this.byIds(products.map((product) => product._id));
    const known = new Set(existing.map((product) => product._id));
    const missing = products.filter((product) => !known.has(product._id));
    if (missing.length > 0) await this.products.insertMany(missing);
    return missing.length;
  }
}
