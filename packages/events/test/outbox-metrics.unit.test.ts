import { Registry } from 'prom-client';
import { outboxMetrics, type OutboxBacklog } from '../src';

describe('the outbox gauges on one scrape', () => {
  it('read the backlog once for both gauges, and again on the next scrape', async () => {
    let reads = 0;
    const readBacklog = (): Promise<OutboxBacklog> => {
      reads += 1;
      return Promise.resolve({ waiting: 2, oldestOccurredAt: new Date(Date.now() - 60_000) });
    };
    const registry = new Registry();
    for (const metric of outboxMetrics(readBacklog)) registry.registerMetric(metric);

    const text = await registry.metrics();
    expect(reads).toBe(1);
    expect(text).toMatch(/^agora_outbox_unpublished_events 2$/m);
    expect(text).toMatch(/^agora_outbox_oldest_unpublished_age_seconds 6\d(\.\d+)?$/m);

    await registry.metrics();
    expect(reads).toBe(2);
  });
});
