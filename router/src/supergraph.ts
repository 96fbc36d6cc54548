import { type Stats, unwatchFile, watchFile } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Logger } from '@agora/subgraph-kit';
import type { SupergraphSdlHook } from '@apollo/gateway';
import { parse } from 'graphql';

export interface SupergraphFileOptions {
  path: string;
  logger: Logger;
  /** Polling interval; polling (not fs.watch) survives editors and deploys that replace the file. */
  intervalMs?: number;
  /** Told about every changed file: taken, or refused with the reason. */
  onReload?: (outcome: ReloadOutcome) => void;
}

export type ReloadOutcome = { ok: true } | { ok: false; reason: string };

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The gateway's `supergraphSdl` hook over a composed supergraph file. The file is
 * polled; a changed file is handed to the gateway, which swaps schema and query
 * planner at once (requests in flight finish on the old plan). A file that does not
 * parse, or that the gateway refuses, is logged and the old supergraph keeps serving.
 */
export function supergraphFromFile(options: SupergraphFileOptions): SupergraphSdlHook {
  const { path, logger } = options;
  return async ({ update }) => {
    let current = await readFile(path, 'utf8');
    let stopped = false;
    // Reloads run one after another so an older read never overwrites a newer one.
    let reloading = Promise.resolve();

    const refuse = (reason: string): void => {
      logger.error({ path, reason }, 'new supergraph refused; the current one keeps serving');
      options.onReload?.({ ok: false, reason });
    };

    const reload = async (): Promise<void> => {
      let next: string;
      try {
        next = await readFile(path, 'utf8');
      } catch (error) {
        refuse(`unreadable: ${describe(error)}`);
        return;
      }
      if (stopped || next === current) return;
      try {
        parse(next);
        update(next);
      } catch (error) {
        refuse(describe(error));
        return;
      }
      current = next;
      logger.info({ path }, 'supergraph reloaded');
      options.onReload?.({ ok: true });
    };

    const onChange = (now: Stats, before: Stats): void => {
      if (now.mtimeMs === before.mtimeMs && now.size === before.size) return;
      reloading = reloading.then(reload);
    };
    watchFile(path, { interval: options.intervalMs ?? 500, persistent: false }, onChange);

    return {
      supergraphSdl: current,
      cleanup: async () => {
        stopped = true;
        unwatchFile(path, onChange);
        await reloading;
      },
    };
  };
}
