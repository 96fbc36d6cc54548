import { CatalogOutboxRelay } from '../src/events/outbox-relay';
import { categoryDoc, productDoc } from './fixtures';
import { startCatalog, type CatalogHarness } from './setup';

let catalog: CatalogHarness;

beforeAll(async () => {
  catalog = await startCatalog();
});
afterAll(() => catalog.stop());

/** The value of the one sample of the catalog's metric `name`, as a scrape reads it now. */
async function valueOf(name: string): Promise<number | undefined> {
  for (const metric of catalog.metrics ?? []) {
    const read = await metric.get();
    if (read.name === name) return read.values[0]?.value;
  }
  return undefined;
}

describe("the catalog's outbox metrics (events kept on the product documents)", () => {
  it('count the pending events of every product, age the oldest, and read zero once the relay published them', async () => {
    expect(await valueOf('agora_outbox_unpublished_events')).toBe(0);
    expect(await valueOf('agora_outbox_oldest_unpublished_age_seconds')).toBe(0);

    const category = categoryDoc({ name: 'Metrics' });
    const products = catalog.context().products;
    const first = productDoc({ categoryId: category._id });
    const second = productDoc({ categoryId: category._id });
    await products.insert(first);
    await products.update(first._id, { name: 'Renamed' });
    await products.insert(second);

    expect(await valueOf('agora_outbox_unpublished_events')).toBe(3);
    expect(await valueOf('agora_outbox_oldest_unpublished_age_seconds')).toBeGreaterThanOrEqual(0);

    const published: string[] = [];
    const relay = new CatalogOutboxRelay({
      products: catalog.store.products,
      publisher: {
        publish: (envelope) => Promise.resolve(void published.push(envelope.id)),
        close: () => Promise.resolve(),
      },
      onError: () => {},
    });
    await relay.relayOnce();
    expect(published).toHaveLength(3);
    expect(await valueOf('agora_outbox_unpublished_events')).toBe(0);
    expect(await valueOf('agora_outbox_oldest_unpublished_age_seconds')).toBe(0);
  });
});
