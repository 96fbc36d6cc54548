import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { composeSupergraph } from './compose';

/**
 * `npm run compose [-- --check] [-- --config path/to/supergraph.yaml]`
 *
 * Writes supergraph.graphql next to the yaml, or with --check exits 1 when the
 * committed file differs from what composition produces (CI runs this).
 */
async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const configIndex = argv.indexOf('--config');
  const configArg = configIndex >= 0 ? argv[configIndex + 1] : undefined;
  // From router/dist (built) the repo root is two folders up.
  const configPath = path.resolve(configArg ?? path.join(__dirname, '..', '..', 'supergraph.yaml'));
  const outputPath = path.join(path.dirname(configPath), 'supergraph.graphql');

  const result = await composeSupergraph(configPath);
  if (!result.ok) {
    console.error(`Composition of ${configPath} failed:`);
    for (const error of result.errors) console.error(`  - ${error}`);
    return 1;
  }
  const sdl = result.supergraphSdl;

  if (check) {
    const committed = await readFile(outputPath, 'utf8').catch(() => null);
    if (committed === sdl) {
      console.log(`${outputPath} is up to date.`);
      return 0;
    }
    console.error(`${outputPath} is ${committed === null ? 'missing' : 'out of date'}: run \`npm run compose\`.`);
    return 1;
  }
  await writeFile(outputPath, sdl);
  console.log(`Wrote ${outputPath}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
