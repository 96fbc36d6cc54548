import type { EventEnvelope, Events, Publisher } from '@agora/events';
import { waitFor } from '@agora/testing';
import { CatalogOutboxRelay, parkedProductEvents } from '../src/events/outbox-relay';
import { categoryDoc, productDoc } from './fixtures';
import { recordingConsumer, startEventTransport } from './events-setup';
import { startCatalog, type CatalogHarness } from './setup';

let catalog: CatalogHarness;
let transport: { events: Events; stop: () => Promise<void> };
let received: EventEnvelope[];
const category = categoryDoc({ name: 'Relay' });

beforeAll(async () => {
  catalog = await startCatalog();
  transport = await startEventTransport();
  received = await recordingConsumer(transport.events, 'catalog-test');
});
afterAll(async () => {
  await transport.stop();
  await catalog.stop();
});

const relay = (publisher: Publisher = transport.events.publisher) =>
  new CatalogOutboxRelay({ products: catalog.store.products, publisher, onError: () => {} });

const stored = (id: string) => catalog.store.products.findOne({ _id: id });

describe('the catalog outbox relay (in-process engine, pg-boss transport)', () => {
  it('publishes the events of a created, updated and deleted product in order, then clears them and keeps the tombstone', async () => {
    const products = catalog.context().products;
    const product = productDoc({ categoryId: category._id });
    await products.insert(product);
    await products.update(product._id, { name: 'Renamed' });
    await products.delete(product._id);
    const ids = (await stored(product._id))?.pendingEvents?.map((event) => event.id);
    expect(ids).toHaveLength(3);

    // Publish order is the relay's to keep; consumers may handle a batch concurrently.
    const order: string[] = [];
    const inOrder: Publisher = {
      publish: (event) => {
        order.push(event.id);
        return transport.events.publisher.publish(event);
      },
      close: () => Promise.resolve(),
    };
    await relay(inOrder).relayOnce();

    expect(order.filter((id) => ids?.includes(id))).toEqual(ids);
    await waitFor(() => received.filter((event) => ids?.includes(event.id)).length === 3);
    const mine = new Map(received.map((event) => [event.id, event]));
    expect(ids?.map((id) => mine.get(id)?.type)).toEqual(['ProductChanged', 'ProductChanged', 'ProductDeleted']);
    expect(mine.get(ids?.[1] ?? '')?.payload).toMatchObject({ productId: product._id, name: 'Renamed' });
    expect(await stored(product._id)).toMatchObject({
      _id: product._id,
      deletedAt: expect.any(Date),
      pendingEvents: [],
    });
  });

  it('clears the published events of a live product and keeps the product', async () => {
    const product = productDoc({ categoryId: category._id });
    await catalog.context().products.insert(product);

    const result = await relay().relayOnce();

    expect(result.failed).toBe(0);
    expect(result.published).toBeGreaterThanOrEqual(1);
    expect((await stored(product._id))?.pendingEvents).toEqual([]);
    expect(await catalog.context().products.byIds([product._id])).toEqual([product]);
    expect(await relay().relayOnce()).toEqual({ published: 0, failed: 0, parked: 0 });
  });

  it('keeps every event, and a deleted product, when the publisher fails', async () => {
    const product = productDoc({ categoryId: category._id });
    await catalog.context().products.insert(product);
    await catalog.context().products.delete(product._id);
    const before = (await stored(product._id))?.pendingEvents;
    const failing: Publisher = {
      publish: () => Promise.reject(new Error('broker unreachable')),
      close: () => Promise.resolve(),
    };

    const result = await relay(failing).relayOnce();

    expect(result).toEqual({ published: 0, failed: 1, parked: 0 });
    expect((await stored(product._id))?.pendingEvents).toEqual(before);
  });

  it('keeps the events after the first failure so they are not published out of order', async () => {
    const product = productDoc({ categoryId: category._id });
    const products = catalog.context().products;
    await products.insert(product);
    await products.update(product._id, { name: 'Second' });
    const [first, second] = (await stored(product._id))?.pendingEvents ?? [];
    const failsSecond: Publisher = {
      publish: (event) =>
        event.id === second?.id ? Promise.reject(new Error('timeout')) : transport.events.publisher.publish(event),
      close: () => Promise.resolve(),
    };

    await relay(failsSecond).relayOnce();

    expect((await stored(product._id))?.pendingEvents).toEqual([second]);
    await waitFor(() => received.some((event) => event.id === first?.id));
  });

  it('parks an event the pg-boss transport refuses (a NUL in a name) and publishes the product’s later changes', async () => {
    // Stored as it could be before text input was checked: PostgreSQL's jsonb refuses the NUL.
    const product = productDoc({ categoryId: category._id, name: 'head\u0000phones' });
    const products = catalog.context().products;
    await products.insert(product);
    await products.update(product._id, { name: 'Headphones' });
    const [poison, fixed] = (await stored(product._id))?.pendingEvents ?? [];
    const errors: string[] = [];
    const relay = new CatalogOutboxRelay({
      products: catalog.store.products,
      publisher: transport.events.publisher,
      onError: (error) => errors.push(error.message),
    });

    const result = await relay.relayOnce();

    expect(result).toMatchObject({ failed: 0, parked: 1 });
    await waitFor(() => received.some((event) => event.id === fixed?.id));
    expect(received.some((event) => event.id === poison?.id)).toBe(false);
    const document = await stored(product._id);
    expect(document?.pendingEvents).toEqual([]);
    expect(document?.parkedEvents).toEqual([
      { ...poison, error: expect.stringMatching(/^refused by the transport: /), parkedAt: expect.any(Date) },
    ]);
    expect(errors).toEqual([expect.stringMatching(new RegExp(`^parked ProductChanged ${poison?.id}: `))]);
    // Parked for good: the next passes do not try it again.
    expect(await relay.relayOnce()).toEqual({ published: 0, failed: 0, parked: 0 });
    expect(await parkedProductEvents(catalog.store.products)).toEqual([
      expect.objectContaining({ id: poison?.id, productId: product._id }),
    ]);
  });

  it('parks an event that no longer validates and goes on with the other products in the same pass', async () => {
    const broken = productDoc({ categoryId: category._id });
    const healthy = productDoc({ categoryId: category._id });
    await catalog.context().products.insert(broken);
    await catalog.store.products.findOneAndUpdate(
      { _id: broken._id },
      { $set: { 'pendingEvents.0.version': 99 } },
      { returnDocument: 'after' },
    );
    await catalog.context().products.insert(healthy);
    const [healthyEvent] = (await stored(healthy._id))?.pendingEvents ?? [];

    const result = await relay().relayOnce();

    expect(result).toMatchObject({ failed: 0, parked: 1 });
    await waitFor(() => received.some((event) => event.id === healthyEvent?.id));
    expect((await stored(broken._id))?.parkedEvents).toEqual([
      expect.objectContaining({ version: 99, error: expect.stringMatching(/^invalid envelope: .*99/) }),
    ]);
  });

  it('keeps a deleted product as a tombstone with its parked ProductDeleted', async () => {
    const product = productDoc({ categoryId: category._id });
    await catalog.context().products.insert(product);
    await catalog.context().products.delete(product._id);
    await catalog.store.products.findOneAndUpdate(
      { _id: product._id },
      { $set: { 'pendingEvents.1.version': 99 } },
      { returnDocument: 'after' },
    );

    expect(await relay().relayOnce()).toMatchObject({ failed: 0, parked: 1 });
    expect(await stored(product._id)).toMatchObject({
      deletedAt: expect.any(Date),
      pendingEvents: [],
      parkedEvents: [expect.objectContaining({ type: 'ProductDeleted', version: 99 })],
    });
  });

  it('marks every document of a pass in one write of the store: one find and one batch write per pass', async () => {
    const created = [1, 2, 3].map(() => productDoc({ categoryId: category._id }));
    for (const product of created) await catalog.context().products.insert(product);
    const counter = catalog.store.queries;
    counter.reset();

    const result = await relay().relayOnce();

    expect(result.published).toBeGreaterThanOrEqual(3);
    expect(counter.count).toBe(2);
    for (const product of created) expect((await stored(product._id))?.pendingEvents).toEqual([]);
  });

  it('publishes each event once when passes are asked for while the loop polls', async () => {
    const created = Array.from({ length: 5 }, () => productDoc({ categoryId: category._id }));
    for (const product of created) await catalog.context().products.insert(product);
    const published = new Map<string, number>();
    const counting: Publisher = {
      publish: async (event) => {
        published.set(event.id, (published.get(event.id) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return transport.events.publisher.publish(event);
      },
      close: () => Promise.resolve(),
    };
    const polling = new CatalogOutboxRelay({ products: catalog.store.products, publisher: counting, batchSize: 2 });
    polling.start(1);
    try {
      while ((await polling.relayOnce()).published > 0);
    } finally {
      await polling.stop();
    }

    expect(await catalog.store.products.countDocuments({ 'pendingEvents.id': { $exists: true } })).toBe(0);
    expect(published.size).toBeGreaterThanOrEqual(5);
    expect([...published.values()].filter((times) => times > 1)).toEqual([]);
  });

  it('keeps the events of a pass whose batch write fails and publishes them again on the next pass', async () => {
    const product = productDoc({ categoryId: category._id });
    await catalog.context().products.insert(product);
    const pending = (await stored(product._id))?.pendingEvents;
    // The store refuses the pass's one write (a full disk): nothing is marked, nothing lost.
    const refusing = {
      ...catalog.store.products,
      bulkWrite: () => Promise.reject(new Error('ENOSPC: no space left on device')),
    };
    const failing = new CatalogOutboxRelay({ products: refusing, publisher: transport.events.publisher });

    await expect(failing.relayOnce()).rejects.toThrow('ENOSPC');
    expect((await stored(product._id))?.pendingEvents).toEqual(pending);

    expect((await relay().relayOnce()).published).toBeGreaterThanOrEqual(1);
    expect((await stored(product._id))?.pendingEvents).toEqual([]);
    const ids = new Set(pending?.map((event) => event.id));
    await waitFor(() => received.filter((event) => ids.has(event.id)).length >= 2 * ids.size);
  });
});
