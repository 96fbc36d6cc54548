// Runs graphql-codegen's core on one contract target read as JSON from stdin and prints
// the output, or the error on stderr with exit code 1. A child process, because the
// codegen plugins load ES modules that jest's module runtime cannot.
import * as add from '@graphql-codegen/add';
import { codegen } from '@graphql-codegen/core';
import * as typedDocumentNode from '@graphql-codegen/typed-document-node';
import * as typescriptOperations from '@graphql-codegen/typescript-operations';
import { parse } from 'graphql';

const pluginMap = { add, 'typescript-operations': typescriptOperations, 'typed-document-node': typedDocumentNode };

let input = '';
for await (const chunk of process.stdin) input += chunk;
const { filename, schema, documents, plugins, config } = JSON.parse(input);
try {
  const output = await codegen({
    filename,
    schema: parse(schema),
    documents: [{ location: documents.location, document: parse(documents.text) }],
    plugins: plugins.map((plugin) => (typeof plugin === 'string' ? { [plugin]: {} } : plugin)),
    pluginMap,
    config,
  });
  process.stdout.write(output);
} catch (error) {
  process.stderr.write(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
