import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { CALLEES, contractPaths, contractTarget, type Callee } from '../codegen/targets';

const root = path.resolve(__dirname, '../../..');

function calleeSdl(callee: Callee): string {
  return readFileSync(path.join(root, contractPaths(callee).schema), 'utf8');
}

/**
 * What `npm run codegen` generates for a callee's contract, with `sdl` standing for the
 * callee's schema: the same target, run by graphql-codegen's core (with its document
 * validation) in a child process. Rejects with codegen's error.
 */
function generateContract(callee: Callee, sdl: string): Promise<string> {
  const target = contractTarget(callee, sdl);
  const documents = path.join(root, target.documents as string);
  const job = {
    filename: contractPaths(callee).output,
    schema: target.schema,
    documents: { location: documents, text: readFileSync(documents, 'utf8') },
    plugins: target.plugins,
    config: target.config,
  };
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [path.join(__dirname, 'generate-contract.mjs')],
      (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(stdout)),
    );
    child.stdin?.end(JSON.stringify(job));
  });
}

/** `sdl` with `from` replaced by `to`, failing the test if `from` is not in it. */
function renamed(sdl: string, from: string, to: string): string {
  expect(sdl).toContain(from);
  return sdl.replace(from, to);
}

/** The type errors of `caller` compiled next to a generated `operations.ts`, as `tsc` reports them. */
function typeErrors(operations: string, caller: string): string[] {
  // In memory, beside this file (a folder that exists, for module resolution).
  const files = new Map([
    [path.join(__dirname, 'operations.ts'), operations],
    [path.join(__dirname, 'caller.ts'), caller],
  ]);
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const disk = { ...host };
  host.getSourceFile = (name, version, ...rest) => {
    const text = files.get(name);
    return text === undefined ? disk.getSourceFile(name, version, ...rest) : ts.createSourceFile(name, text, version);
  };
  host.fileExists = (name) => files.has(name) || disk.fileExists(name);
  host.readFile = (name) => files.get(name) ?? disk.readFile(name);
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((error) => ts.flattenDiagnosticMessageText(error.messageText, '\n'));
}

describe('contract generation', () => {
  it.each(CALLEES)(
    'generates the %s contract from the schema the callee serves, entity lookups included',
    async (callee) => {
      const output = await generateContract(callee, calleeSdl(callee));
      expect(output).toMatch(/export const \w+Document = /);
      expect(output).toContain('export type EntityRepresentation = ');
    },
  );

  it.each([
    [
      'inventory',
      'availableQuantity: Int',
      'unitsOnHand: Int',
      'Cannot query field "availableQuantity" on type "Product"',
    ],
    ['catalog', 'deletedAt: String', 'removedAt: String', 'Cannot query field "deletedAt" on type "Product"'],
    ['accounts', 'email: String', 'emailAddress: String', 'Cannot query field "email" on type "User"'],
    [
      'payments',
      'declineReason: String',
      'declineCode: String',
      'Cannot query field "declineReason" on type "Payment"',
    ],
    [
      'cart',
      'unavailableMessage: String',
      'problem: String',
      'Cannot query field "unavailableMessage" on type "CartItem"',
    ],
    ['inventory', 'reserveStock(input:', 'holdStock(input:', 'Cannot query field "reserveStock" on type "Mutation"'],
    ['cart', 'ttlSeconds: Int!): Cart!', 'lockSeconds: Int!): Cart!', 'Unknown argument "ttlSeconds"'],
  ] as const)('fails when %s renames what a caller asks for (%s)', async (callee, from, to, error) => {
    await expect(generateContract(callee, renamed(calleeSdl(callee), from, to))).rejects.toThrow(error);
  });
});

describe('a caller compiled against a regenerated contract', () => {
  const callsPayments = `import type { AuthorizePaymentMutationVariables } from './operations';
export const variables: AuthorizePaymentMutationVariables = {
  input: { orderId: 'o-1', userId: 'u-1', amount: 100, currency: 'EUR', card: { cardNumber: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' } },
};`;
  const callsCatalog = `import type { ProductNamesQueryVariables } from './operations';
export const variables: ProductNamesQueryVariables = { representations: [{ __typename: 'Product', id: 'p-1' }] };`;

  it('compiles as it is against the contracts of today', async () => {
    expect(typeErrors(await generateContract('payments', calleeSdl('payments')), callsPayments)).toEqual([]);
    expect(typeErrors(await generateContract('catalog', calleeSdl('catalog')), callsCatalog)).toEqual([]);
  });

  it('fails to compile when the callee renames an input field it sends', async () => {
    const sdl = renamed(
      calleeSdl('payments'),
      'orderId: ID!\n  "The customer paying',
      'paidOrderId: ID!\n  "The customer paying',
    );
    expect(typeErrors(await generateContract('payments', sdl), callsPayments)).toContainEqual(
      expect.stringContaining("'orderId' does not exist in type 'AuthorizePaymentInput'"),
    );
  });

  it('fails to compile when the callee keys its entity by another field', async () => {
    const sdl = renamed(calleeSdl('catalog'), 'type Product @key(fields: "id")', 'type Product @key(fields: "slug")');
    expect(typeErrors(await generateContract('catalog', sdl), callsCatalog)).toContainEqual(
      expect.stringContaining("'id' does not exist in type 'ProductRepresentation'"),
    );
  });
});
