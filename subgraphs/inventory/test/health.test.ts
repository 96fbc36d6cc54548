import { dropDatabase } from '@agora/postgres';
import { startSubgraphs, testServerUrl, type StartedSubgraphs } from '@agora/testing';

async function get(base: string, route: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${base}${route}`);
  return { status: response.status, body: await response.json() };
}

describe("inventory's /live, /ready and /health over its database", () => {
  let started: StartedSubgraphs<'inventory'>;
  let base: string;

  beforeAll(async () => {
    started = await startSubgraphs(['inventory'], { prefix: 'health' });
    base = started.subgraphs.inventory.running.url.replace('/graphql', '');
  });

  afterAll(() => started?.stop());

  it('answer 200 while the database answers', async () => {
    expect(await get(base, '/live')).toEqual({ status: 200, body: { status: 'ok' } });
    const ready = { status: 200, body: { status: 'ok', checks: { store: 'ok' } } };
    expect(await get(base, '/ready')).toEqual(ready);
    expect(await get(base, '/health')).toEqual(ready);
  });

  it('fail /ready and /health, naming the store, once the database is gone; /live still answers', async () => {
    const databaseUrl = new URL(started.subgraphs.inventory.service.db.pool.options.connectionString as string);
    // Dropped with (force): the pool's idle clients are cut off, which it logs as idle client errors.
    await dropDatabase(testServerUrl(), databaseUrl.pathname.slice(1));

    const unavailable = { status: 503, body: { status: 'unavailable', checks: { store: 'failing' } } };
    expect(await get(base, '/ready')).toEqual(unavailable);
    expect(await get(base, '/health')).toEqual(unavailable);
    expect(await get(base, '/live')).toEqual({ status: 200, body: { status: 'ok' } });
  });
});
