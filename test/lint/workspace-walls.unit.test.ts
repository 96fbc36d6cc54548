import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REPO = path.join(__dirname, '..', '..');
const WALLS = 'agora/workspace-walls';

interface Snippet {
  /** Where the code would live, relative to the repository root (the file need not exist). */
  filePath: string;
  code: string;
}

interface LintMessage {
  ruleId: string | null;
  message: string;
  fatal: boolean;
}

/** Lints the snippets with `root`'s eslint.config.mjs in one ESLint run (see lint-snippets.mjs). */
function lint(root: string, snippets: Snippet[]): LintMessage[][] {
  const run = spawnSync(process.execPath, [path.join(__dirname, 'lint-snippets.mjs')], {
    cwd: root,
    input: JSON.stringify({ root, snippets }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`lint-snippets.mjs failed: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { messages: LintMessage[] }[]).map((result) => result.messages);
}

/** `target` (relative to the root) as a relative specifier from the file at `from`. */
function relativeFrom(from: string, target: string): string {
  return path.posix.relative(path.posix.dirname(from), target);
}

/** Every statement that loads a module, with `specifier` in it. */
const FORMS: [string, (specifier: string) => string][] = [
  ['import', (s) => `import { createService } from '${s}';\nexport const service = createService;\n`],
  ['import type', (s) => `import type { Service } from '${s}';\nexport type Same = Service;\n`],
  ['export from', (s) => `export { createService } from '${s}';\n`],
  ['export * from', (s) => `export * from '${s}';\n`],
  ['import()', (s) => `export const load = () => import('${s}');\n`],
  ['require()', (s) => `export const loaded: unknown = require('${s}');\n`],
  ['import = require()', (s) => `import loaded = require('${s}');\nexport { loaded };\n`],
  ['typeof import()', (s) => `export type Module = typeof import('${s}');\n`],
  ['jest.mock()', (s) => `jest.mock('${s}');\n`],
];

/** `import … from specifier`, the form most code uses. */
const importOf = FORMS[0]![1];

/** Each way code at `from` can name the cart's code or the router's: [how, specifier, workspace named]. */
function pathsIntoCartAndRouter(from: string): [string, string, string][] {
  const cart = '@agora/cart (subgraphs/cart/)';
  const router = '@agora/router (router/)';
  return [
    ['the package name', '@agora/cart', cart],
    ['a deep path into the build', '@agora/cart/dist/app', cart],
    ['a deep path into the sources', '@agora/cart/src/app', cart],
    ['a relative path', relativeFrom(from, 'subgraphs/cart/src/app'), cart],
    ['an absolute path', path.join(REPO, 'subgraphs/cart/src/app'), cart],
    ['the folder itself', relativeFrom(from, 'subgraphs/cart'), cart],
    ['a path through node_modules', relativeFrom(from, 'node_modules/@agora/cart/dist/app'), cart],
    ['the router by name', '@agora/router', router],
    ['a deep path into the router', '@agora/router/src/app', router],
    ['a relative path into the router', relativeFrom(from, 'router/src/app'), router],
  ];
}

/** What a subgraph's code (src or test) may import: [what, specifier]. */
function allowedInPayments(from: string): [string, string][] {
  return [
    ['its own file', from.includes('/test/') ? relativeFrom(from, 'subgraphs/payments/src/app') : './app'],
    ['its own package name', '@agora/payments'],
    ['the subgraph kit', '@agora/subgraph-kit'],
    ['the events package', '@agora/events'],
    ['a shared package by relative path', relativeFrom(from, 'packages/events/test/rabbitmq')],
    ['a library', 'graphql'],
    ['a Node module', 'node:crypto'],
  ];
}

interface Case {
  name: string;
  snippet: Snippet;
  specifier: string;
  /** The workspace a refusal names and why it gives, or null when the import is allowed. */
  refused: { workspace: string; why: string } | null;
}

const SUBGRAPH_WHY = 'a subgraph imports only its own files and packages/';
const PACKAGE_WHY = 'a shared package imports only packages/, never a subgraph or the router';
const ROUTER_WHY = 'the router imports only packages/; it reaches subgraphs over HTTP';
const TESTING_WHY =
  'packages/testing imports a subgraph or the router by its package name only (its public entry), never a path inside it';

/** Each way into the cart or the router, in each statement form for the first file, `import` for the others. */
function refusedFrom(files: string[], why: string): Case[] {
  return files.flatMap((filePath, fileIndex) =>
    pathsIntoCartAndRouter(filePath).flatMap(([how, specifier, workspace]) =>
      (fileIndex === 0 ? FORMS : FORMS.slice(0, 1)).map(([form, code]) => ({
        name: `${filePath}: ${how} in ${form} (${specifier})`,
        snippet: { filePath, code: code(specifier) },
        specifier,
        refused: { workspace, why },
      })),
    ),
  );
}

function allowed(filePath: string, [what, specifier]: [string, string]): Case {
  return {
    name: `${filePath}: ${what} (${specifier})`,
    snippet: { filePath, code: importOf(specifier) },
    specifier,
    refused: null,
  };
}

const SUBGRAPH_FILES = [
  'subgraphs/payments/src/probe.ts',
  'subgraphs/payments/src/refunds/deeper/probe.ts',
  'subgraphs/payments/test/probe.test.ts',
  'subgraphs/payments/test/helpers/probe.ts',
];
const PACKAGE_FILES = ['packages/subgraph-kit/src/probe.ts', 'packages/events/test/probe.ts'];
const TESTING_FILES = ['packages/testing/src/probe.ts', 'packages/testing/test/probe.ts'];
const BY_NAME = new Set(['@agora/cart', '@agora/router']);

const cases: Case[] = [
  ...refusedFrom(SUBGRAPH_FILES, SUBGRAPH_WHY),
  ...SUBGRAPH_FILES.flatMap((filePath) => allowedInPayments(filePath).map((entry) => allowed(filePath, entry))),
  ...refusedFrom(PACKAGE_FILES, PACKAGE_WHY),
  ...PACKAGE_FILES.flatMap((filePath) =>
    [
      ['another shared package', '@agora/postgres'],
      ['a deep path into another shared package', '@agora/events/src'],
      ['another shared package by relative path', relativeFrom(filePath, 'packages/postgres/src')],
    ].map((entry) => allowed(filePath, entry as [string, string])),
  ),
  // The shared test harness: a subgraph or the router by package name, nothing deeper.
  ...refusedFrom(TESTING_FILES, TESTING_WHY).filter((c) => !BY_NAME.has(c.specifier)),
  ...TESTING_FILES.flatMap((filePath) =>
    [
      ['a subgraph by package name', '@agora/cart'],
      ['the router by package name', '@agora/router'],
      ['a shared package', '@agora/postgres'],
    ].map((entry) => allowed(filePath, entry as [string, string])),
  ),
  ...['@agora/cart', '@agora/cart/src/app', '../../subgraphs/cart/src/app'].map((specifier) => ({
    name: `router/src/probe.ts: a subgraph (${specifier})`,
    snippet: { filePath: 'router/src/probe.ts', code: importOf(specifier) },
    specifier,
    refused: { workspace: '@agora/cart (subgraphs/cart/)', why: ROUTER_WHY },
  })),
  allowed('router/src/probe.ts', ['the subgraph kit', '@agora/subgraph-kit']),
  allowed('router/src/probe.ts', ['its own file', './compose']),
];

const SUBGRAPHS = readdirSync(path.join(REPO, 'subgraphs'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** For each subgraph, every other subgraph importing it by package name. */
const everyPair = SUBGRAPHS.map((target) => ({
  target,
  snippets: SUBGRAPHS.filter((from) => from !== target).map((from) => ({
    filePath: `subgraphs/${from}/src/probe.ts`,
    code: importOf(`@agora/${target}`),
  })),
}));

/** What the walls rule said about each snippet, in the order given. */
function wallMessages(results: LintMessage[][], names: string[]): string[][] {
  return results.map((messages, index) => {
    const fatal = messages.find((message) => message.fatal);
    if (fatal) throw new Error(`${names[index]} did not parse: ${fatal.message}`);
    return messages.filter((message) => message.ruleId === WALLS).map((message) => message.message);
  });
}

let caseMessages: string[][];
let pairMessages: string[][];

beforeAll(() => {
  const pairSnippets = everyPair.flatMap((pair) => pair.snippets);
  const results = lint(REPO, [...cases.map((c) => c.snippet), ...pairSnippets]);
  caseMessages = wallMessages(
    results.slice(0, cases.length),
    cases.map((c) => c.name),
  );
  pairMessages = wallMessages(
    results.slice(cases.length),
    pairSnippets.map((s) => s.filePath),
  );
});

describe('the walls between workspaces', () => {
  it.each(cases.map((c, index) => [c.name, index] as const))('%s', (_name, index) => {
    const { refused, specifier } = cases[index]!;
    if (refused === null) {
      expect(caseMessages[index]).toEqual([]);
    } else {
      expect(caseMessages[index]).toEqual([
        expect.stringMatching(
          new RegExp(
            `^'${literally(specifier)}' reaches into ${literally(refused.workspace)}: ${literally(refused.why)}`,
          ),
        ),
      ]);
    }
  });

  it.each(everyPair.map((pair, index) => [pair.target, index] as const))(
    'refuses every other subgraph an import of @agora/%s',
    (target, index) => {
      const start = everyPair.slice(0, index).reduce((sum, pair) => sum + pair.snippets.length, 0);
      const messages = pairMessages.slice(start, start + everyPair[index]!.snippets.length);
      expect(messages).toHaveLength(SUBGRAPHS.length - 1);
      for (const refusal of messages) {
        expect(refusal).toEqual([expect.stringContaining(`reaches into @agora/${target} (subgraphs/${target}/)`)]);
      }
    },
  );
});

/** `text` as a literal part of a regular expression. */
function literally(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

describe('a workspace added to package.json', () => {
  let root: string;

  beforeAll(() => {
    // A repository of its own with the same lint config, and a subgraph the config has never heard of.
    root = mkdtempSync(path.join(os.tmpdir(), 'agora-walls-'));
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    };
    write('package.json', JSON.stringify({ workspaces: ['packages/*', 'subgraphs/*', 'router'] }));
    for (const [folder, name] of [
      ['packages/kit', '@shop/kit'],
      ['subgraphs/cart', '@shop/cart'],
      ['subgraphs/wishlists', '@shop/wishlists'],
      ['router', '@shop/router'],
    ]) {
      write(`${folder}/package.json`, JSON.stringify({ name }));
    }
    copyFileSync(path.join(REPO, 'eslint.config.mjs'), path.join(root, 'eslint.config.mjs'));
    mkdirSync(path.join(root, 'lint'));
    copyFileSync(path.join(REPO, 'lint/workspace-walls.mjs'), path.join(root, 'lint/workspace-walls.mjs'));
    symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is walled in without an edit to the lint config', () => {
    const [byName, byPath, fromIt, shared] = lint(root, [
      { filePath: 'subgraphs/cart/src/probe.ts', code: importOf('@shop/wishlists/src/app') },
      { filePath: 'subgraphs/cart/test/probe.ts', code: importOf('../../wishlists/src/app') },
      { filePath: 'subgraphs/wishlists/src/probe.ts', code: importOf('@shop/cart') },
      { filePath: 'subgraphs/wishlists/src/probe.ts', code: importOf('@shop/kit') },
    ]).map((messages) => messages.filter((message) => message.ruleId === WALLS).map((message) => message.message));

    expect(byName).toEqual([expect.stringContaining('reaches into @shop/wishlists (subgraphs/wishlists/)')]);
    expect(byPath).toEqual([expect.stringContaining('reaches into @shop/wishlists (subgraphs/wishlists/)')]);
    expect(fromIt).toEqual([expect.stringContaining('reaches into @shop/cart (subgraphs/cart/)')]);
    expect(shared).toEqual([]);
  });
});
