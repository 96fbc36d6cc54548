// Lints code snippets at (possibly non-existent) file paths with a repository's ESLint config,
// as `npm run lint` would, and prints what each one was told. Jest cannot load ESLint's config
// itself (it is an ES module loaded with import()), so the lint tests run this in a child process.
//
// stdin:  { "root": "/abs/repo", "snippets": [{ "filePath": "relative/to/root.ts", "code": "…" }] }
// stdout: [{ "messages": [{ "ruleId": "…" | null, "message": "…", "line": 1, "fatal": false }] }]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const { root, snippets } = JSON.parse(readFileSync(0, 'utf8'));
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: path.join(root, 'eslint.config.mjs'),
  // The snippets are in no TypeScript program, so the rules that need type information are off.
  overrideConfig: tseslint.configs.disableTypeChecked,
});

const results = [];
for (const { filePath, code } of snippets) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath), warnIgnored: true });
  results.push({
    messages: result.messages.map(({ ruleId, message, line, fatal = false }) => ({ ruleId, message, line, fatal })),
  });
}
process.stdout.write(JSON.stringify(results));
