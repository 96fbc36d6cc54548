import { spawnSync } from 'node:child_process';

/**
 * Whether something accepts TCP connections at `url`'s host and port (`defaultPort`
 * when it names none), decided synchronously so a test file can pick describe or
 * describe.skip at load time.
 */
export function tcpAnswers(url: URL, defaultPort: number): boolean {
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `const s=require('net').connect(${Number(url.port || defaultPort)},${JSON.stringify(url.hostname)});` +
        `s.on('connect',()=>process.exit(0));s.on('error',()=>process.exit(1));setTimeout(()=>process.exit(1),2000);`,
    ],
    { timeout: 5000 },
  );
  return probe.status === 0;
}
