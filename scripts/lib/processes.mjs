// Child processes for the services, with their output prefixed by name.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Runs `node script` to completion; rejects when it fails. */
export function runNode(name, script, env) {
  return new Promise((resolve, reject) => {
    const child = start(name, script, env);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${name}: ${script} exited with ${code}`))));
  });
}

/** Starts `node script` and prefixes each output line with the service name. */
export function start(name, script, env) {
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => console.log(`${name.padEnd(9)} | ${line}`));
  }
  return child;
}

/** Polls a readiness URL (/ready) until it answers 200 (bounded). */
export async function waitForHealth(name, url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} while starting`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not become healthy at ${url} within ${timeoutMs / 1000}s`);
}

/** Sends SIGTERM to each child and waits for it to exit. */
export async function stopAll(children) {
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
}
