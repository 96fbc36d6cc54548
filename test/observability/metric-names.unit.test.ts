import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const OBSERVABILITY = path.join(ROOT, 'deploy', 'observability');

/** The TypeScript sources of every workspace (where metrics are defined). */
function sourceText(): string {
  const texts: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (entry === 'node_modules' || entry === 'dist' || entry === '__generated__') continue;
      if (statSync(full).isDirectory()) walk(full);
      else if (entry.endsWith('.ts')) texts.push(readFileSync(full, 'utf8'));
    }
  };
  for (const group of ['packages', 'subgraphs']) {
    for (const workspace of readdirSync(path.join(ROOT, group))) walk(path.join(ROOT, group, workspace, 'src'));
  }
  walk(path.join(ROOT, 'router', 'src'));
  return texts.join('\n');
}

/** The `agora_*` metric names a file queries, a histogram's series (`_bucket`, `_count`, `_sum`) as the histogram. */
function metricsQueriedBy(file: string): string[] {
  const names = readFileSync(path.join(OBSERVABILITY, file), 'utf8').match(/\bagora_[a-z_]+\b/g) ?? [];
  return [...new Set(names.map((name) => name.replace(/_(bucket|count|sum)$/, '')))].sort();
}

describe('the dashboard and the alert rules query metrics the services export', () => {
  const sources = sourceText();

  it.each(['prometheus/alerts.yml', 'grafana/dashboards/agora.json'])('%s', (file) => {
    const queried = metricsQueriedBy(file);
    expect(queried.length).toBeGreaterThan(5);
    const undefinedNames = queried.filter((name) => !sources.includes(`'${name}'`));
    expect(undefinedNames).toEqual([]);
  });
});
