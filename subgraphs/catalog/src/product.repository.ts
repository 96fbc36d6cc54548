import type { Document, Filter } from 'mongodb';
import { productChangedEvent, productDeletedEvent } from './events/product-events';
import { productOrders, type ProductPosition, type ProductSort } from './product-order';
import type { ProductDoc, StoreCollection, StoredProduct } from './store';

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

/** Products on sale: a deleted product is a tombstone that only lookups by id still return. */
const LIVE = { deletedAt: { $exists: false } } as const;

/** Concurrent writes to one product make an update read again; this many times at most. */
const UPDATE_ATTEMPTS = 10;

/** The product without the store's bookkeeping (pending and parked events). */
function productOf(stored: StoredProduct): ProductDoc {
  const { pendingEvents: _pending, parkedEvents: _parked, ...product } = stored;
  return product;
}

/**
 * The slug a deleted product keeps, so its own slug is free for a new product: slugs
 * are unique over every document, tombstones included.
 */
function tombstoneSlug(id: string): string {
  return `deleted-${id}`;
}

/**
 * Matches the product only while the fields a ProductChanged carries are still as
 * read, so the event written with an update describes exactly the result of that
 * update even when another write lands in between (the update then reads again).
 */
function unchangedSince(product: ProductDoc): Filter<StoredProduct> {
  return {
    _id: product._id,
    ...LIVE,
    slug: product.slug,
    name: product.name,
    description: product.description,
    brand: product.brand,
    categoryId: product.categoryId,
    'price.amount': product.price.amount,
    'price.currency': product.price.currency,
  };
}

function filterOf(match: ProductMatch): Document {
  const filter: Document = { ...LIVE };
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

/**
 * Products in their collection; data access only (no GraphQL, no auth rules). Every
 * write records its integration event on the document it changes, in the same
 * single-document write (the catalog's outbox; CatalogOutboxRelay publishes it).
 */
export class ProductRepository {
  constructor(private readonly products: StoreCollection<StoredProduct>) {}

  /**
   * The products with these ids, deleted ones (tombstones, with `deletedAt`) included,
   * in one query, in no particular order: what other services refer to must resolve.
   */
  async byIds(ids: readonly string[]): Promise<ProductDoc[]> {
    const found = await this.products.find({ _id: { $in: [...ids] } }).toArray();
    return found.map(productOf);
  }

  async bySlug(slug: string): Promise<ProductDoc | null> {
    const found = await this.products.findOne({ slug, ...LIVE });
    return found && productOf(found);
  }

  /**
   * One page in keyset order, `limit + 1` rows so the caller knows whether more
   * follow. Range, sort and limit all run in the store, on the (key, _id) indexes.
   */
  async page(request: ProductPageRequest): Promise<ProductDoc[]> {
    const { field, direction } = productOrders[request.sort];
    const match = filterOf(request.match);
    const filter = request.after ? { $and: [match, afterFilter(request.sort, request.after)] } : match;
    const found = await this.products
      .find(filter)
      .sort({ [field]: direction, _id: direction })
      .limit(request.limit + 1)
      .toArray();
    return found.map(productOf);
  }

  count(match: ProductMatch): Promise<number> {
    return this.products.countDocuments(filterOf(match));
  }

  /** Records ProductChanged. Throws the store's duplicate key error (code 11000) when the slug is taken. */
  async insert(product: ProductDoc): Promise<ProductDoc> {
    await this.products.insertOne({ ...product, pendingEvents: [productChangedEvent(product)] });
    return product;
  }

  /** The product after the change (recording ProductChanged), or null when there is no such product. */
  async update(id: string, changes: ProductChanges): Promise<ProductDoc | null> {
    for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt += 1) {
      const [current] = await this.byIds([id]);
      if (!current || current.deletedAt) return null;
      const event = productChangedEvent({ ...current, ...changes });
      const updated = await this.products.findOneAndUpdate(
        unchangedSince(current),
        { $set: changes, $push: { pendingEvents: event } },
        { returnDocument: 'after' },
      );
      if (updated) return productOf(updated);
    }
    throw new Error(`product ${id} kept changing during ${UPDATE_ATTEMPTS} update attempts`);
  }

  /**
   * Takes the product off sale for good and records ProductDeleted: it stays as a
   * tombstone (see ProductDoc.deletedAt) under a slug of its own, freeing its slug.
   * False when there is no such product on sale.
   */
  async delete(id: string): Promise<boolean> {
    const marked = await this.products.findOneAndUpdate(
      { _id: id, ...LIVE },
      {
        $set: { deletedAt: new Date(), slug: tombstoneSlug(id) },
        $push: { pendingEvents: productDeletedEvent(id) },
      },
      { returnDocument: 'after' },
    );
    return marked !== null;
  }

  /** Inserts the products whose ids are not stored yet (seeding), each with its ProductChanged; returns how many. */
  async insertMissing(products: readonly ProductDoc[]): Promise<number> {
    if (products.length === 0) return 0;
    // Deleted ones count as present: seeding must not bring back what an admin removed.
    const existing = await this.products.find({ _id: { $in: products.map((product) => product._id) } }).toArray();
    const known = new Set(existing.map((product) => product._id));
    const missing = products.filter((product) => !known.has(product._id));
    if (missing.length > 0) {
      await this.products.insertMany(
        missing.map((product) => ({ ...product, pendingEvents: [productChangedEvent(product)] })),
      );
    }
    return missing.length;
  }
}
