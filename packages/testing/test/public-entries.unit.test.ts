import { readdirSync } from 'node:fs';
import path from 'node:path';

const SUBGRAPHS = readdirSync(path.join(__dirname, '..', '..', '..', 'subgraphs'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** The names a subgraph's public entry may export at run time (SubgraphEntry in the kit). */
const ENTRY_NAMES = ['MIGRATIONS_FOLDER', 'boot', 'loadConfig', 'seedDemo'];

/**
 * Open handles other than timers (sockets, servers, files), by kind. Timers are counted
 * with fake timers instead: ones left by an earlier test file in the same jest worker
 * come and go while this one runs.
 */
function handlesByKind(): Map<string, number> {
  const kinds = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) {
    if (kind !== 'Timeout' && kind !== 'Immediate') kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  return kinds;
}

/** The kinds of which there are more open handles in `after` than in `before`. */
function openedSince(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after].filter(([kind, count]) => count > (before.get(kind) ?? 0)).map(([kind]) => kind);
}

describe("every subgraph's public entry", () => {
  afterEach(() => jest.useRealTimers());

  it.each(SUBGRAPHS)('@agora/%s exports the shared names and starts nothing when imported', (name) => {
    const handles = handlesByKind();
    const signalListeners = process.listenerCount('SIGTERM');
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the package named by the test's parameter
    const entry = require(`@agora/${name}`) as Record<string, unknown>;

    expect(Object.keys(entry).filter((key) => key !== '__esModule')).toEqual(
      expect.arrayContaining(['boot', 'loadConfig']),
    );
    expect(Object.keys(entry).filter((key) => key !== '__esModule' && !ENTRY_NAMES.includes(key))).toEqual([]);
    expect(jest.getTimerCount()).toBe(0);
    expect(openedSince(handles, handlesByKind())).toEqual([]);
    expect(process.listenerCount('SIGTERM')).toBe(signalListeners);
  });
});
