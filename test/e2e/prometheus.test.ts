import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitFor } from '@agora/testing';
import { ADD_TO_CART, CHECKOUT, checkoutInput, newShopper, productIds, setStock } from './shopping';
import { startStack, type Stack, type SubgraphName } from './stack';

const ALERT_RULES = path.resolve(__dirname, '..', '..', 'deploy', 'observability', 'prometheus', 'alerts.yml');

/**
 * Whether Debian's `prometheus` is installed. `.ci/run` installs it; under CI a missing
 * binary fails the run, elsewhere these tests are skipped with a warning.
 */
function prometheusInstalled(): boolean {
  const installed = spawnSync('prometheus', ['--version']).status === 0;
  if (!installed && process.env.CI === 'true') {
    throw new Error('prometheus is not installed: CI requires it (apt-get install prometheus).');
  }
  if (!installed) console.warn('prometheus is not installed: skipping the real-Prometheus scrape test (CI runs it).');
  return installed;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A scrape config like deploy/observability/prometheus/prometheus.local.yml, for this stack's ports, every second. */
function scrapeConfig(targets: { service: string; url: string }[]): string {
  const lines = [
    'global:',
    '  scrape_interval: 1s',
    '  evaluation_interval: 1s',
    'rule_files:',
    `  - ${ALERT_RULES}`,
    'scrape_configs:',
    '  - job_name: agora',
    '    honor_labels: true',
    '    static_configs:',
  ];
  for (const { service, url } of targets) {
    lines.push(`      - targets: ['${new URL(url).host}']`, `        labels: { service: ${service} }`);
  }
  return `${lines.join('\n')}\n`;
}

interface QueryAnswer {
  data: { result: { metric: Record<string, string>; value: [number, string] }[] };
}

const describePrometheus = prometheusInstalled() ? describe : describe.skip;

describePrometheus('a real Prometheus scraping the stack', () => {
  let stack: Stack;
  let dir: string;
  let prometheus: ChildProcess;
  let api: string;

  const query = async (promql: string): Promise<QueryAnswer['data']['result']> => {
    const response = await fetch(`${api}/api/v1/query?query=${encodeURIComponent(promql)}`);
    return ((await response.json()) as QueryAnswer).data.result;
  };

  beforeAll(async () => {
    stack = await startStack();
    dir = await mkdtemp(path.join(tmpdir(), 'agora-prometheus-'));
    const targets = [
      { service: 'router', url: stack.url },
      ...(Object.keys(stack.subgraphs) as SubgraphName[]).map((name) => ({
        service: name,
        url: stack.subgraphs[name].running.url,
      })),
    ];
    await writeFile(path.join(dir, 'prometheus.yml'), scrapeConfig(targets));
    const port = await freePort();
    api = `http://127.0.0.1:${port}`;
    prometheus = spawn(
      'prometheus',
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: 'ignore' },
    );
    await waitFor(async () => (await fetch(`${api}/-/ready`).catch(() => null))?.ok, { timeoutMs: 20_000 });
  }, 90_000);

  afterAll(async () => {
    prometheus?.kill('SIGTERM');
    await stack?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('scrapes the router and all ten subgraphs, and loads the alert rules', async () => {
    const targets = await waitFor(
      async () => {
        const answer = (await (await fetch(`${api}/api/v1/targets`)).json()) as {
          data: { activeTargets: { labels: { service: string }; health: string }[] };
        };
        const active = answer.data.activeTargets;
        return active.length === 11 && active.every((target) => target.health === 'up') ? active : undefined;
      },
      { timeoutMs: 20_000 },
    );
    expect(targets.map((target) => target.labels.service).sort()).toEqual(
      ['router', ...Object.keys(stack.subgraphs)].sort(),
    );
    const rules = (await (await fetch(`${api}/api/v1/rules`)).json()) as { data: { groups: { name: string }[] } };
    expect(rules.data.groups.map((group) => group.name).sort()).toEqual([
      'agora-availability',
      'agora-events',
      'agora-red',
    ]);
  }, 30_000);

  it('sees one more confirmed checkout after one checkout', async () => {
    const confirmed = async (): Promise<number> =>
      Number((await query('sum(agora_checkouts_total{outcome="confirmed"})'))[0]?.value[1] ?? 0);
    const before = await confirmed();

    const [productId] = (await productIds(stack, 1)) as [string];
    await setStock(stack, productId, 5);
    const shopper = await newShopper(stack);
    await stack.request(ADD_TO_CART, { productId, quantity: 1 }, shopper);
    const checkout = await stack.request(CHECKOUT, { input: checkoutInput() }, shopper);
    expect(checkout.body.data?.checkout.status).toBe('CONFIRMED');

    await waitFor(async () => (await confirmed()) === before + 1, { timeoutMs: 20_000 });
    // The router is scraped on its own schedule: its series appear with its next scrape.
    const routerRequests = async (): Promise<number> =>
      Number((await query('sum(agora_graphql_request_duration_seconds_count{service="router"})'))[0]?.value[1] ?? 0);
    await waitFor(async () => (await routerRequests()) >= 2, { timeoutMs: 20_000 });
  }, 60_000);
});
