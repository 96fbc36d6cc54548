// `npm run image-deps`: what each image's production dependencies weigh. For every
// service workspace it lists the workspace's production dependency tree as npm resolves
// it (`npm ls --omit=dev --all --parseable --workspace <ws>`, what the Dockerfile's
// `npm ci --omit=dev --workspace <ws>` installs) and sums the packages' file sizes on
// disk (each package's own files; its nested node_modules count as packages of their own).
// The last row is every workspace's production dependencies together: what an image held
// when it installed the whole repository and pruned dev dependencies.
// Needs `npm ci` first (it measures the installed node_modules).
import { execFileSync } from 'node:child_process';
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVICES = [
  ...readdirSync(path.join(ROOT, 'subgraphs'))
    .map((name) => `subgraphs/${name}`)
    .sort(),
  'router',
];

/** The installed third-party package folders of a production tree (workspace links left out). */
function packageFolders(workspaceArgs) {
  const output = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable', ...workspaceArgs], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const folders = new Set(output.split('\n').filter((line) => line.includes(`${path.sep}node_modules${path.sep}`)));
  return [...folders].filter((folder) => !lstatSync(folder).isSymbolicLink());
}

/** Bytes of the files under `folder`, not descending into node_modules or following links. */
function folderBytes(folder) {
  let bytes = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') bytes += folderBytes(full);
    } else if (entry.isFile()) {
      bytes += lstatSync(full).size;
    }
  }
  return bytes;
}

function measure(label, workspaceArgs) {
  const folders = packageFolders(workspaceArgs);
  const bytes = folders.reduce((sum, folder) => sum + folderBytes(folder), 0);
  return { label, packages: folders.length, megabytes: bytes / 1e6 };
}

const rows = [
  ...SERVICES.map((workspace) => measure(workspace, ['--workspace', workspace])),
  measure('all workspaces (old images)', []),
];
const width = Math.max(...rows.map((row) => row.label.length));
console.log(`${'workspace'.padEnd(width)}  ${'MB'.padStart(7)}  packages`);
for (const row of rows) {
  console.log(
    `${row.label.padEnd(width)}  ${row.megabytes.toFixed(1).padStart(7)}  ${String(row.packages).padStart(8)}`,
  );
}
