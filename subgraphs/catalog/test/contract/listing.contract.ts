import { CategoryRepository, subtreeIds } from '../../src/category.repository';
import { productOrders, type ProductPosition, type ProductSort } from '../../src/product-order';
import { ProductRepository, type ProductMatch } from '../../src/product.repository';
import type { ProductDoc } from '../../src/store';
import { categoryDoc, compareText, productDoc } from '../fixtures';
import { useStore, type StoreFactory } from './location';

/** Every page of a listing, `size` at a time, following the position of each page's last row. */
async function walk(products: ProductRepository, match: ProductMatch, sort: ProductSort, size: number) {
  const seen: string[] = [];
  let after: ProductPosition | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const rows = await products.page({ match, sort, after, limit: size });
    const page = rows.slice(0, size);
    seen.push(...page.map((row) => row._id));
    const last = page.at(-1);
    if (rows.length <= size || !last) return seen;
    after = { key: productOrders[sort].keyOf(last), id: last._id };
  }
  throw new Error('listing did not end');
}

const expectedOrder: Record<ProductSort, (a: ProductDoc, b: ProductDoc) => number> = {
  NEWEST: (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || compareText(b._id, a._id),
  PRICE_ASC: (a, b) => a.price.amount - b.price.amount || compareText(a._id, b._id),
  PRICE_DESC: (a, b) => b.price.amount - a.price.amount || compareText(b._id, a._id),
  NAME_ASC: (a, b) => compareText(a.name, b.name) || compareText(a._id, b._id),
};

/** The repositories' listing behaviour, the same on every engine. */
export function listingContract(engine: string, factory: StoreFactory): void {
  describe(`product listing on ${engine}`, () => {
    const { store } = useStore(factory);
    const repositories = () => ({
      products: new ProductRepository(store().products),
      categories: new CategoryRepository(store().categories),
    });

    it('matches a category together with all of its descendants', async () => {
      const { products, categories } = repositories();
      const root = categoryDoc();
      const child = categoryDoc({ parentId: root._id });
      const grandchild = categoryDoc({ parentId: child._id });
      const other = categoryDoc();
      await store().categories.insertMany([root, child, grandchild, other]);
      const inRoot = productDoc({ categoryId: root._id });
      const inChild = productDoc({ categoryId: child._id });
      const inGrandchild = productDoc({ categoryId: grandchild._id });
      await store().products.insertMany([inRoot, inChild, inGrandchild, productDoc({ categoryId: other._id })]);

      const all = await categories.all();
      const underRoot = { categoryIds: subtreeIds(all, root._id) };
      expect(await walk(products, underRoot, 'NEWEST', 10)).toEqual([inGrandchild._id, inChild._id, inRoot._id]);
      const underChild = { categoryIds: subtreeIds(all, child._id) };
      expect(await walk(products, underChild, 'NEWEST', 10)).toEqual([inGrandchild._id, inChild._id]);
      expect(await products.count(underRoot)).toBe(3);
    });

    it('matches a brand and an inclusive price range', async () => {
      const { products } = repositories();
      const category = categoryDoc();
      await store().categories.insertOne(category);
      const priced = (brand: string, amount: number) =>
        productDoc({ categoryId: category._id, brand, price: { amount, currency: 'USD' } });
      const [cheap, edgeLow, middle, edgeHigh, dear] = [100, 500, 700, 900, 2000].map((a) => priced('Acme', a));
      const otherBrand = priced('Globex', 700);
      await store().products.insertMany([cheap!, edgeLow!, middle!, edgeHigh!, dear!, otherBrand]);

      expect(await walk(products, { brand: 'Globex' }, 'PRICE_ASC', 10)).toEqual([otherBrand._id]);
      const range = { brand: 'Acme', minPrice: 500, maxPrice: 900 };
      expect(await walk(products, range, 'PRICE_ASC', 10)).toEqual([edgeLow!._id, middle!._id, edgeHigh!._id]);
      expect(await products.count(range)).toBe(3);
      expect(await products.count({ minPrice: 1500 })).toBe(1);
      expect(await products.count({ maxPrice: 100 })).toBe(1);
    });

    describe.each(Object.keys(expectedOrder) as ProductSort[])('sorted %s', (sort) => {
      it('walks every page in order, with no duplicates or gaps, ties broken by id', async () => {
        const { products } = repositories();
        const category = categoryDoc();
        await store().categories.insertOne(category);
        const sameTime = new Date(Date.UTC(2026, 5, 1));
        // Repeated prices, names and creation times force the id tie-break across page borders.
        const documents = Array.from({ length: 17 }, (_, n) =>
          productDoc({
            categoryId: category._id,
            name: `Item ${String.fromCharCode(65 + (n % 5))}`,
            price: { amount: 100 * (n % 4), currency: 'USD' },
            ...(n % 3 === 0 ? { createdAt: sameTime } : {}),
          }),
        );
        await store().products.insertMany(documents);
        const expected = [...documents].sort(expectedOrder[sort]).map((p) => p._id);

        for (const size of [1, 4, 17, 50]) {
          expect(await walk(products, { categoryIds: [category._id] }, sort, size)).toEqual(expected);
        }
        expect(await products.count({ categoryIds: [category._id] })).toBe(17);
      });
    });

    it('reads the children of a category by name, and categories by id', async () => {
      const { categories } = repositories();
      const root = categoryDoc({ name: 'Root' });
      const b = categoryDoc({ name: 'B', parentId: root._id });
      const a = categoryDoc({ name: 'A', parentId: root._id });
      await store().categories.insertMany([root, b, a]);
      expect((await categories.childrenOf([root._id])).map((c) => c._id)).toEqual([a._id, b._id]);
      expect((await categories.byIds([a._id, 'missing'])).map((c) => c._id)).toEqual([a._id]);
    });
  });
}
