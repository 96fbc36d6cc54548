import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { waitFor } from './wait-for';

/** The repository's root (this file runs from `packages/testing/src` or `dist`). */
const ROOT = path.resolve(__dirname, '..', '..', '..');

/** How many characters of a process's output are kept for an error message. */
const OUTPUT_KEPT = 20_000;

/** A port free on 127.0.0.1 now (the system picks it; a process told it binds it next). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no TCP port was assigned');
  return address.port;
}

/** One service running as its own `node <workspace>/dist/main.js` process. */
export interface SpawnedService {
  /** `<workspace>#<n>`, as it appears in error messages. */
  name: string;
  /** `http://127.0.0.1:<port>`: its /graphql, /ready and /metrics are under it. */
  origin: string;
  child: ChildProcess;
  /** The last 20 000 characters of its stdout and stderr. */
  output: () => string;
  /** SIGTERM (and SIGCONT, so a paused process handles it), then waits for the process to exit (immediately when it has). */
  stop: () => Promise<void>;
  /** SIGKILL, as a crash: no shutdown work runs. Waits for the exit. */
  kill: () => Promise<void>;
  /**
   * SIGSTOP, as a hung process: it runs nothing more, yet the kernel still accepts
   * connections on its listening socket (into the backlog), so callers connect and wait
   * for an answer that never comes. `resume` (SIGCONT) lets it go on where it stopped.
   */
  pause: () => void;
  /** SIGCONT: a paused process runs again (nothing happens to one that is not paused). */
  resume: () => void;
}

export interface SpawnServiceOptions {
  /** The process's environment (PORT and HOST are set from `port`); nothing of the test's own is inherited but PATH. */
  env: Record<string, string>;
  /** Its port (default: a free one). */
  port?: number;
  /** Tells replicas of one workspace apart in names (default 1). */
  replica?: number;
  /** How long to wait for /ready to answer 200 (default 60 000 ms). */
  readyTimeoutMs?: number;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Runs a workspace's built process entry (`<workspace>/dist/main.js`, e.g.
 * `subgraphs/orders`) as a real process and waits until its /ready answers 200.
 * Fails, with the process's output, when it exits or is not ready in time.
 */
export async function spawnService(workspace: string, options: SpawnServiceOptions): Promise<SpawnedService> {
  const port = options.port ?? (await freePort());
  const name = `${path.basename(workspace)}#${options.replica ?? 1}`;
  const child = spawn(process.execPath, [path.join(ROOT, workspace, 'dist', 'main.js')], {
    env: { PATH: process.env.PATH ?? '', ...options.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEPT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const origin = `http://127.0.0.1:${port}`;
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  const send = (signal: NodeJS.Signals): void => {
    if (running()) child.kill(signal);
  };
  const signal = async (signal: NodeJS.Signals): Promise<void> => {
    send(signal);
    // A stopped process keeps a SIGTERM pending until it runs again (SIGKILL needs no SIGCONT).
    if (signal === 'SIGTERM') send('SIGCONT');
    await exited(child);
  };
  const service: SpawnedService = {
    name,
    origin,
    child,
    output: () => output,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    pause: () => send('SIGSTOP'),
    resume: () => send('SIGCONT'),
  };
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
        const response = await fetch(`${origin}/ready`, { signal: AbortSignal.timeout(1_000) }).catch(() => null);
        return response?.ok;
      },
      { timeoutMs: options.readyTimeoutMs ?? 60_000, intervalMs: 100 },
    );
  } catch (error) {
    await service.kill();
    throw new Error(`${name} did not become ready: ${(error as Error).message}\n${output}`);
  }
  return service;
}

/**
 * Runs one of a workspace's built one-shot entries (`<workspace>/dist/<entry>.js`, e.g.
 * `seed`) to completion; rejects with its output when it fails.
 */
export async function runEntry(workspace: string, entry: string, env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, [path.join(ROOT, workspace, 'dist', `${entry}.js`)], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await exited(child);
  if (child.exitCode !== 0) throw new Error(`${workspace} ${entry} exited with ${child.exitCode}:\n${output}`);
}
