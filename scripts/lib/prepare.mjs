// Databases, migrations and (once, or when asked) the demo data.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createDatabases, DATA_DIR, log, ROOT, SUBGRAPHS, subgraphEnv } from './stack.mjs';
import { runNode } from './processes.mjs';

const SEEDED_MARKER = path.join(DATA_DIR, 'seeded');

function script(subgraph, name) {
  return path.join(ROOT, 'subgraphs', subgraph.name, 'dist', `${name}.js`);
}

export async function migrate(context) {
  await createDatabases(context.serverUrl);
  for (const subgraph of SUBGRAPHS.filter((s) => s.database)) {
    await runNode(subgraph.name, script(subgraph, 'migrate'), subgraphEnv(subgraph, context));
  }
  log('databases migrated');
}

/** Seeds the demo data; `force` seeds even when .data/ says it was done (seeding is idempotent). */
export async function seed(context, { force = false } = {}) {
  if (!force && existsSync(SEEDED_MARKER)) {
    log('demo data already seeded (.data/seeded): keeping your data');
    return;
  }
  log('seeding the demo data');
  // Subgraphs with demo data have a seed script (cart, orders and payments start empty);
  // it adds nothing unless SEED_DEMO_DATA=true, which production leaves unset.
  for (const subgraph of SUBGRAPHS.filter((s) => existsSync(script(s, 'seed')))) {
    await runNode(subgraph.name, script(subgraph, 'seed'), {
      ...subgraphEnv(subgraph, context),
      SEED_DEMO_DATA: 'true',
    });
  }
  await writeFile(SEEDED_MARKER, `${new Date().toISOString()}\n`);
}
