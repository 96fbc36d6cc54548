import { CategoryRepository } from '../../src/category.repository';
import { ProductRepository } from '../../src/product.repository';
import { isDuplicateKeyError, type CatalogStore } from '../../src/store';
import { categoryDoc, productDoc } from '../fixtures';
import { useStore, type StoreFactory } from './location';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the write to be refused');
}

/** The repositories' writes, uniqueness and durability, the same on every engine. */
export function writesContract(engine: string, factory: StoreFactory): void {
  describe(`catalog writes on ${engine}`, () => {
    const { store, location } = useStore(factory);
    const products = () => new ProductRepository(store().products);

    it('refuses a second product with the same slug with a duplicate key error', async () => {
      const category = categoryDoc();
      const first = productDoc({ categoryId: category._id, slug: 'same-slug' });
      await products().insert(first);
      const error = await rejection(products().insert(productDoc({ categoryId: category._id, slug: 'same-slug' })));
      expect(isDuplicateKeyError(error)).toBe(true);
      expect(await products().count({})).toBe(1);
    });

    it('refuses an update to a slug another product has, leaving the product as it was', async () => {
      const category = categoryDoc();
      const taken = productDoc({ categoryId: category._id });
      const renamed = productDoc({ categoryId: category._id });
      await store().products.insertMany([taken, renamed]);
      const error = await rejection(products().update(renamed._id, { slug: taken.slug, name: 'New name' }));
      expect(isDuplicateKeyError(error)).toBe(true);
      expect(await products().bySlug(renamed.slug)).toEqual(renamed);
    });

    it('updates and deletes by id, answering null and false for unknown or deleted ids', async () => {
      const product = productDoc({ categoryId: categoryDoc()._id });
      await products().insert(product);
      const price = { amount: 4999, currency: 'EUR' };
      expect(await products().update(product._id, { price, name: 'Renamed' })).toEqual({
        ...product,
        price,
        name: 'Renamed',
      });
      expect(await products().update('no-such-id', { name: 'x' })).toBeNull();
      expect(await products().delete(product._id)).toBe(true);
      expect(await products().delete(product._id)).toBe(false);
      expect(await products().update(product._id, { name: 'Again' })).toBeNull();
      expect(await products().byIds([product._id])).toEqual([
        { ...product, price, name: 'Renamed', slug: `deleted-${product._id}`, deletedAt: expect.any(Date) },
      ]);
      expect(await products().bySlug(product.slug)).toBeNull();
    });

    it('inserts only the missing documents when seeding twice', async () => {
      const category = categoryDoc();
      const categories = new CategoryRepository(store().categories);
      const batch = [productDoc({ categoryId: category._id }), productDoc({ categoryId: category._id })];
      expect(await categories.insertMissing([category])).toBe(1);
      expect(await products().insertMissing(batch.slice(0, 1))).toBe(1);
      expect(await products().insertMissing(batch)).toBe(1);
      expect(await products().insertMissing(batch)).toBe(0);
      expect(await categories.insertMissing([category])).toBe(0);
      expect(await products().count({})).toBe(2);
    });

    it('applies a batch of updates in order, a later one seeing an earlier one, and keeps them after reopening', async () => {
      const category = categoryDoc();
      const [first, second, untouched] = [1, 2, 3].map(() => productDoc({ categoryId: category._id }));
      await store().products.insertMany([first!, second!, untouched!]);

      const result = await store().products.bulkWrite([
        { updateOne: { filter: { _id: first!._id }, update: { $set: { name: 'One' } } } },
        { updateOne: { filter: { _id: second!._id }, update: { $set: { name: 'Two' } } } },
        { updateOne: { filter: { _id: first!._id }, update: { $set: { brand: 'Again' } } } },
        { updateOne: { filter: { _id: 'no-such-id' }, update: { $set: { name: 'None' } } } },
      ]);

      expect(result).toMatchObject({ matchedCount: 3, modifiedCount: 3 });
      await store().close();
      const reopened: CatalogStore = await location().open();
      try {
        expect(await new ProductRepository(reopened.products).byIds([first!._id, second!._id, untouched!._id])).toEqual(
          [{ ...first, name: 'One', brand: 'Again' }, { ...second, name: 'Two' }, untouched],
        );
      } finally {
        await reopened.close();
      }
    });

    it('stops a batch at an update refused for a duplicate slug, keeping the updates before it', async () => {
      const category = categoryDoc();
      const [first, second, third] = [1, 2, 3].map(() => productDoc({ categoryId: category._id }));
      await store().products.insertMany([first!, second!, third!]);

      const error = await rejection(
        store().products.bulkWrite([
          { updateOne: { filter: { _id: first!._id }, update: { $set: { name: 'Before' } } } },
          { updateOne: { filter: { _id: second!._id }, update: { $set: { slug: first!.slug } } } },
          { updateOne: { filter: { _id: third!._id }, update: { $set: { name: 'After' } } } },
        ]),
      );

      expect(isDuplicateKeyError(error)).toBe(true);
      expect(await products().byIds([first!._id, second!._id, third!._id])).toEqual([
        { ...first, name: 'Before' },
        second,
        third,
      ]);
    });

    it('finds the data, dates and unique slugs again after the store is reopened', async () => {
      const category = categoryDoc();
      const product = productDoc({ categoryId: category._id });
      await store().categories.insertOne(category);
      await products().insert(product);
      await store().close();

      const reopened: CatalogStore = await location().open();
      try {
        const again = new ProductRepository(reopened.products);
        const [found] = await again.byIds([product._id]);
        expect(found).toEqual(product);
        expect(found?.createdAt).toBeInstanceOf(Date);
        expect(await new CategoryRepository(reopened.categories).byIds([category._id])).toEqual([category]);
        const error = await rejection(again.insert(productDoc({ categoryId: category._id, slug: product.slug })));
        expect(isDuplicateKeyError(error)).toBe(true);
      } finally {
        await reopened.close();
      }
    });
  });
}
