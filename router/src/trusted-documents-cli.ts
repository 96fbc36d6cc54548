import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { graphqlBlocksOf, trustedDocumentsManifest } from './trusted-documents-manifest';

/**
 * `npm run trusted-documents [-- --out trusted-documents.json] [files…]`
 *
 * Writes a persisted query manifest (TRUSTED_DOCUMENTS) trusting the operations of
 * `files`: each ```graphql block of a Markdown file, the whole text of any other file
 * (`.graphql`, one document each). Without files: the repository's README.md, whose
 * operations are the ones the storefront and the examples send. Without --out it
 * prints the manifest.
 */
async function main(argv: string[]): Promise<number> {
  const outIndex = argv.indexOf('--out');
  const out = outIndex >= 0 ? argv[outIndex + 1] : undefined;
  const files = outIndex >= 0 ? [...argv.slice(0, outIndex), ...argv.slice(outIndex + 2)] : argv;
  // From router/dist (built) the repo root is two folders up.
  const sources = files.length > 0 ? files : [path.join(__dirname, '..', '..', 'README.md')];
  const documents: string[] = [];
  for (const file of sources) {
    const text = await readFile(file, 'utf8');
    documents.push(...(file.endsWith('.md') ? graphqlBlocksOf(text) : [text]));
  }
  const manifest = trustedDocumentsManifest(documents);
  const json = `${JSON.stringify(manifest, null, 2)}\n`;
  if (out) {
    await writeFile(out, json);
    console.error(`Wrote ${out}: ${manifest.operations.length} documents from ${sources.length} file(s).`);
  } else {
    process.stdout.write(json);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
