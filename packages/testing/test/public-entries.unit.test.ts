import { readdirSync } from 'node:fs';
import path from 'node:path';

const SUBGRAPHS = readdirSync(path.join(__dirname, '..', '..', '..', 'subgraphs'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** The names a subgraph's public entry may export at run time (SubgraphEntry in the kit). */
const ENTRY_NAMES = ['MIGRATIONS_FOLDER', 'boot', 'loadConfig', 'seedDemo'];

describe("every subgraph's public entry", () => {
  it.each(SUBGRAPHS)('@agora/%s exports the shared names and starts nothing when imported', (name) => {
    const resources = process.getActiveResourcesInfo().length;
    const signalListeners = process.listenerCount('SIGTERM');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the package named by the test's parameter
    const entry = require(`@agora/${name}`) as Record<string, unknown>;

    expect(Object.keys(entry).filter((key) => key !== '__esModule')).toEqual(
      expect.arrayContaining(['boot', 'loadConfig']),
    );
    expect(Object.keys(entry).filter((key) => key !== '__esModule' && !ENTRY_NAMES.includes(key))).toEqual([]);
    expect(process.getActiveResourcesInfo()).toHaveLength(resources);
    expect(process.listenerCount('SIGTERM')).toBe(signalListeners);
  });
});
