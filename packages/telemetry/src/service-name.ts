import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The service a process entry belongs to, from the nearest package.json above `script`
 * with its scope dropped (`subgraphs/orders/dist/main.js` → `orders`, the router's →
 * `router`); `agora` when there is none.
 */
export function serviceNameOf(script: string | undefined): string {
  let folder = script ? dirname(script) : process.cwd();
  for (;;) {
    try {
      const { name } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { name?: string };
      if (name) return name.replace(/^@[^/]+\//, '');
    } catch {
      // No (readable) package.json here: look one folder up.
    }
    const parent = dirname(folder);
    if (parent === folder) return 'agora';
    folder = parent;
  }
}
