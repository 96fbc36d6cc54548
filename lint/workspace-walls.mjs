// The walls between workspaces, as an ESLint rule: each workspace imports its own files and
// the shared packages under packages/, and nothing of a subgraph or the router.
//
// One door in the walls: packages/testing, the shared test harness, starts real subgraphs and
// the router, so it may import each of them by its package name alone (its public entry,
// src/index.ts), never by a path inside it.
//
// The workspaces are read from the root package.json at config load, so a workspace added
// there is walled in without editing the lint config. The rule resolves what an import
// names against that list itself, instead of asking a module resolver, so an import is
// refused whether or not its target exists or was built: `@agora/cart`,
// `@agora/cart/dist/app`, `../../cart/src/app` and `<repo>/subgraphs/cart/src/app` all
// name the cart.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What code in each kind of workspace (its top folder) may import besides its own workspace. */
const MAY_IMPORT = {
  packages: ['packages'],
  subgraphs: ['packages'],
  router: ['packages'],
};

/** Workspaces (by folder) that may import these kinds of workspace by package name only. */
const MAY_IMPORT_BY_NAME = {
  'packages/testing': ['subgraphs', 'router'],
};

/** Why the wall is there, told to whoever runs into it. */
const WHY = {
  packages: 'a shared package imports only packages/, never a subgraph or the router',
  subgraphs:
    'a subgraph imports only its own files and packages/; data from another comes through the supergraph or events',
  router: 'the router imports only packages/; it reaches subgraphs over HTTP',
  byName:
    'packages/testing imports a subgraph or the router by its package name only (its public entry), never a path inside it',
};

/** Calls that load a module named by their first argument, besides `import()`. */
const JEST_LOADERS = new Set(['mock', 'doMock', 'unmock', 'dontMock', 'setMock', 'requireActual', 'requireMock']);

/**
 * The workspaces of the repository at `root`, in the order its package.json lists them.
 * An entry is a folder (`router`) or every folder with a package.json under one (`subgraphs/*`);
 * any other pattern throws, naming it.
 * @returns {{ name: string, folder: string, dir: string, kind: string }[]} `folder` relative to
 *   `root` with `/`, `dir` absolute, `kind` the top folder (`packages`, `subgraphs`, `router`).
 */
export function readWorkspaces(root) {
  const { workspaces } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const folders = workspaces.flatMap((entry) => {
    if (entry.endsWith('/*') && !/[*?[\]{}!]/.test(entry.slice(0, -2))) {
      const parent = entry.slice(0, -2);
      return readdirSync(path.join(root, parent), { withFileTypes: true })
        .filter((child) => child.isDirectory() && existsSync(path.join(root, parent, child.name, 'package.json')))
        .map((child) => `${parent}/${child.name}`)
        .sort();
    }
    if (/[*?[\]{}!]/.test(entry)) {
      throw new Error(`lint/workspace-walls.mjs: workspace entry "${entry}" is neither "dir" nor "dir/*"`);
    }
    return [entry];
  });
  return folders.map((folder) => {
    const dir = path.join(root, folder);
    const { name } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const kind = folder.split('/')[0];
    if (!(kind in MAY_IMPORT)) {
      throw new Error(`lint/workspace-walls.mjs: say in MAY_IMPORT what a workspace under ${kind}/ may import`);
    }
    return { name, folder, dir, kind };
  });
}

/** The package a bare specifier names: `@agora/cart/dist/app` → `@agora/cart`. */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** A string literal's value, or a template literal's when it has no `${}`; otherwise undefined. */
function staticString(node) {
  if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  return undefined;
}

/** Whether `callee` loads a module: `require`, `require.resolve`, `jest.mock`, `jest.requireActual`, … */
function isLoader(callee) {
  if (callee.type === 'Identifier') return callee.name === 'require';
  if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier') return false;
  if (callee.object.name === 'require') return true;
  return (
    callee.object.name === 'jest' && callee.property.type === 'Identifier' && JEST_LOADERS.has(callee.property.name)
  );
}

/**
 * The ESLint plugin (rule `workspace-walls`) over the given workspaces, and the globs of
 * their TypeScript files for a config's `files`.
 */
export function workspaceWalls(workspaces) {
  const byName = new Map(workspaces.map((workspace) => [workspace.name, workspace]));

  /** The workspace a file path lies in, through a node_modules link too. */
  const workspaceOfPath = (file) => {
    const linked = file.split(path.sep).lastIndexOf('node_modules');
    if (linked !== -1) {
      const rest = file
        .split(path.sep)
        .slice(linked + 1)
        .join('/');
      return byName.get(packageName(rest));
    }
    return workspaces.find((workspace) => file === workspace.dir || file.startsWith(workspace.dir + path.sep));
  };

  /** The workspace an import specifier names, seen from a file in `fromDir`; undefined for outside code. */
  const workspaceOfSpecifier = (specifier, fromDir) => {
    if (specifier.startsWith('file:')) return workspaceOfPath(fileURLToPath(specifier));
    if (specifier.startsWith('.') || path.isAbsolute(specifier))
      return workspaceOfPath(path.resolve(fromDir, specifier));
    return byName.get(packageName(specifier));
  };

  const rule = {
    meta: {
      type: 'problem',
      docs: { description: 'Keep each workspace to its own files and the shared packages under packages/.' },
      messages: { wall: "'{{specifier}}' reaches into {{target}} ({{folder}}/): {{why}}." },
      schema: [],
    },
    create(context) {
      const file = context.physicalFilename;
      const from = workspaceOfPath(file);
      if (!from) return {};
      const allowed = MAY_IMPORT[from.kind];
      const allowedByName = MAY_IMPORT_BY_NAME[from.folder] ?? [];

      const check = (node) => {
        const specifier = staticString(node);
        if (specifier === undefined) return;
        const to = workspaceOfSpecifier(specifier, path.dirname(file));
        if (!to || to === from || allowed.includes(to.kind)) return;
        const byName = allowedByName.includes(to.kind);
        if (byName && specifier === to.name) return;
        context.report({
          node,
          messageId: 'wall',
          data: { specifier, target: to.name, folder: to.folder, why: byName ? WHY.byName : WHY[from.kind] },
        });
      };

      return {
        'ImportDeclaration, ExportNamedDeclaration, ExportAllDeclaration, ImportExpression': (node) =>
          node.source && check(node.source),
        TSExternalModuleReference: (node) => check(node.expression),
        TSImportType: (node) => check(node.argument?.literal ?? node.argument),
        CallExpression: (node) => isLoader(node.callee) && check(node.arguments[0]),
      };
    },
  };

  return {
    plugin: { meta: { name: 'agora-workspace-walls' }, rules: { 'workspace-walls': rule } },
    files: workspaces.map((workspace) => `${workspace.folder}/**/*.ts`),
  };
}
