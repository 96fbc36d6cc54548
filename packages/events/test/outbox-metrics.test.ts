import { startEventsDb, type EventsHarness } from '@agora/testing';
import { eq } from 'drizzle-orm';
import { Registry } from 'prom-client';
import { outbox, outboxMetrics, postgresOutboxBacklog } from '../src';
import { orderPlaced, recordEvent } from './setup';

/** The value of the one sample of `name` in `registry` now. */
async function valueOf(registry: Registry, name: string): Promise<number | undefined> {
  const metric = await registry.getSingleMetric(name)?.get();
  return metric?.values[0]?.value;
}

describe('the outbox metrics', () => {
  let harness: EventsHarness;
  let registry: Registry;

  beforeAll(async () => {
    harness = await startEventsDb();
    registry = new Registry();
    for (const metric of outboxMetrics(postgresOutboxBacklog(harness.pg.db))) registry.registerMetric(metric);
  });
  afterAll(() => harness.stop());
  beforeEach(() => harness.pg.db.delete(outbox));

  it('read no backlog and no age from an empty outbox', async () => {
    expect(await valueOf(registry, 'agora_outbox_unpublished_events')).toBe(0);
    expect(await valueOf(registry, 'agora_outbox_oldest_unpublished_age_seconds')).toBe(0);
  });

  it('count the events waiting for the relay and age the oldest, leaving out published and parked ones', async () => {
    for (let i = 0; i < 4; i += 1) await recordEvent(harness.pg.db, 'OrderPlaced', orderPlaced());
    const [published, parked, oldest] = (await harness.pg.db.select().from(outbox).orderBy(outbox.seq)).map(
      (row) => row.id,
    );
    const change = (id: string | undefined, set: Partial<typeof outbox.$inferInsert>) =>
      harness.pg.db
        .update(outbox)
        .set(set)
        .where(eq(outbox.id, id ?? ''));
    await change(published, { publishedAt: new Date() });
    await change(parked, { parkedAt: new Date() });
    await change(oldest, { occurredAt: new Date(Date.now() - 600_000) });

    expect(await valueOf(registry, 'agora_outbox_unpublished_events')).toBe(2);
    const age = await valueOf(registry, 'agora_outbox_oldest_unpublished_age_seconds');
    expect(age).toBeGreaterThanOrEqual(600);
    expect(age).toBeLessThan(3600);
  });
});
