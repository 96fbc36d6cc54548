import { eq } from 'drizzle-orm';
import { searchDocuments } from '../src/db/schema';
import { productChanged, productDeleted, startSearch, type SearchHarness } from './setup';

let search: SearchHarness;
beforeAll(async () => {
  search = await startSearch();
});
afterAll(() => search.stop());

describe('the index follows catalog events', () => {
  it('finds a product under its new name once a ProductChanged renames it', async () => {
    const created = productChanged({ name: 'Canvas Tote' });
    await search.deliver(created);
    await search.deliver(productChanged({ productId: created.payload.productId, name: 'Leather Satchel' }));

    expect(await search.searchIds('satchel')).toEqual([created.payload.productId]);
    expect(await search.searchIds('tote')).toEqual([]);
  });

  it('forgets a product on ProductDeleted', async () => {
    const created = productChanged({ name: 'Folding Chair' });
    await search.deliver(created);
    await search.deliver(productDeleted(created.payload.productId));

    expect(await search.searchIds('chair')).toEqual([]);
  });

  it('applies a redelivered event once, even where its version would still win', async () => {
    const created = productChanged({ name: 'Garden Hose' });
    await search.deliver(created);
    // An older version than the event's, so only the handled-events record can stop a second apply.
    await search.db.db
      .update(searchDocuments)
      .set({ name: 'Garden Rake', updatedAt: new Date(0) })
      .where(eq(searchDocuments.productId, created.payload.productId));

    await search.redeliver(created, 2);

    expect(await search.searchIds('rake')).toEqual([created.payload.productId]);
    expect(await search.searchIds('hose')).toEqual([]);
  });

  it('keeps the newer version when an older ProductChanged arrives after it', async () => {
    const older = productChanged({ name: 'Trail Map' });
    const newer = productChanged({ productId: older.payload.productId, name: 'Road Atlas' });
    await search.deliver(newer);
    await search.deliver(older);

    expect(await search.searchIds('atlas')).toEqual([older.payload.productId]);
    expect(await search.searchIds('trail')).toEqual([]);
  });

  it('does not bring back a deleted product when an older ProductChanged arrives after the deletion', async () => {
    const created = productChanged({ name: 'Snow Globe' });
    const deleted = productDeleted(created.payload.productId);
    await search.deliver(deleted);
    await search.deliver(created);

    expect(await search.searchIds('globe')).toEqual([]);
  });
});
