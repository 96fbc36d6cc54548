import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { composeSupergraph } from './compose';

/**
 * `npm run compose [-- --check] [-- --config path/to/supergraph.yaml]`
 *
 * Writes supergraph.graphql next to the yaml, or with --check exits 1 when the
 * committed file differs from what composition produces (CI runs this). With the
 * repository's own supergraph.yaml it also writes (or checks) the copy Kustomize builds
 * the router's ConfigMap from, deploy/k8s/base/supergraph.graphql (Kustomize reads no
 * file outside its folder).
 */
async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const configIndex = argv.indexOf('--config');
  const configArg = configIndex >= 0 ? argv[configIndex + 1] : undefined;
  // From router/dist (built) the repo root is two folders up.
  const root = path.join(__dirname, '..', '..');
  const configPath = path.resolve(configArg ?? path.join(root, 'supergraph.yaml'));
  const outputPaths = [path.join(path.dirname(configPath), 'supergraph.graphql')];
  if (!configArg) outputPaths.push(path.join(root, 'deploy', 'k8s', 'base', 'supergraph.graphql'));

  const result = await composeSupergraph(configPath);
  if (!result.ok) {
    console.error(`Composition of ${configPath} failed:`);
    for (const error of result.errors) console.error(`  - ${error}`);
    return 1;
  }
  const sdl = result.supergraphSdl;

  let stale = 0;
  for (const outputPath of outputPaths) {
    if (!check) {
      await writeFile(outputPath, sdl);
      console.log(`Wrote ${outputPath}`);
      continue;
    }
    const committed = await readFile(outputPath, 'utf8').catch(() => null);
    if (committed === sdl) {
      console.log(`${outputPath} is up to date.`);
      continue;
    }
    console.error(`${outputPath} is ${committed === null ? 'missing' : 'out of date'}: run \`npm run compose\`.`);
    stale += 1;
  }
  return stale === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
