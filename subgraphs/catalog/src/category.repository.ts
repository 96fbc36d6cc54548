import type { CategoryDoc, StoreCollection } from './store';

/** Categories in their collection; data access only. */
export class CategoryRepository {
  constructor(private readonly categories: StoreCollection<CategoryDoc>) {}

  /** Every category, by name. The tree is small (tens of rows), so it is read whole. */
  all(): Promise<CategoryDoc[]> {
    return this.categories.find({}).sort({ name: 1, _id: 1 }).toArray();
  }

  byIds(ids: readonly string[]): Promise<CategoryDoc[]> {
    return this.categories.find({ _id: { $in: [...ids] } }).toArray();
  }

  /** The direct children of each of these parents, in one query. */
  childrenOf(parentIds: readonly string[]): Promise<CategoryDoc[]> {
    return this.categories
      .find({ parentId: { $in: [...parentIds] } })
      .sort({ name: 1, _id: 1 })
      .toArray();
  }

  /** Inserts the categories whose ids are not stored yet (seeding); returns how many. */
  async insertMissing(categories: readonly CategoryDoc[]): Promise<number> {
    if (categories.length === 0) return 0;
    const existing = await this.byIds(categories.map((category) => category._id));
    const known = new Set(existing.map((category) => category._id));
    const missing = categories.filter((category) => !known.has(category._id));
    if (missing.length > 0) await this.categories.insertMany(missing);
    return missing.length;
  }
}

/** `rootId` and the ids of all its descendants (a listing by category includes subcategories). */
export function subtreeIds(categories: readonly CategoryDoc[], rootId: string): string[] {
  const children = new Map<string, string[]>();
  for (const category of categories) {
    if (category.parentId === null) continue;
    children.set(category.parentId, [...(children.get(category.parentId) ?? []), category._id]);
  }
  const ids: string[] = [];
  const queue = [rootId];
  const seen = new Set<string>();
  // `seen` guards against a cycle written by hand into the store.
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (seen.has(id)) continue;
    seen.add(id);
    ids.push(id);
    queue.push(...(children.get(id) ?? []));
  }
  return ids;
}
