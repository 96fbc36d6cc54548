import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  type OperationDefinitionNode,
  parse,
  typeFromAST,
  validate,
} from 'graphql';
import ts from 'typescript';
import { MAX_PAGE_SIZE } from '../src/operation-cost';
import { graphqlBlocksOf } from '../src/trusted-documents-manifest';

const ROOT = path.resolve(__dirname, '..', '..');

/** An operation clients are shown or tests send, with where it was found. */
export interface KnownOperation {
  where: string;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** The text of the block or string literal it came from. */
  text: string;
}

function operationsOf(where: string, text: string): KnownOperation[] {
  let document: DocumentNode;
  try {
    document = parse(text);
  } catch {
    return [];
  }
  return document.definitions
    .filter((definition) => definition.kind === Kind.OPERATION_DEFINITION)
    .map((operation, index) => ({ where: `${where} #${index + 1}`, document, operation, text }));
}

/** The operations of the README's ```graphql blocks. */
export function readmeOperations(): KnownOperation[] {
  const blocks = graphqlBlocksOf(readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
  return blocks.flatMap((block, index) => operationsOf(`README.md block ${index + 1}`, block));
}

/**
 * The operations in the string literals of test/e2e (an interpolation read as
 * `__typename`, so `author { ${fields} }` stays an operation): every literal that parses
 * as GraphQL and defines an operation.
 */
export function e2eOperations(): KnownOperation[] {
  const folder = path.join(ROOT, 'test', 'e2e');
  return readdirSync(folder)
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) => {
      const source = ts.createSourceFile(file, readFileSync(path.join(folder, file), 'utf8'), ts.ScriptTarget.Latest);
      const found: KnownOperation[] = [];
      const visit = (node: ts.Node): void => {
        let text: string | undefined;
        if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
        if (ts.isTemplateExpression(node)) {
          text = node.head.text + node.templateSpans.map((span) => `__typename${span.literal.text}`).join('');
        }
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        if (text && /\b(query|mutation)\b|^\s*\{/.test(text)) found.push(...operationsOf(`${file}:${line}`, text));
        ts.forEachChild(node, visit);
      };
      visit(source);
      return found;
    });
}

/** Whether `operation` is valid against `schema` (those sent to a subgraph directly are not). */
export function isValidOn(schema: GraphQLSchema, known: KnownOperation): boolean {
  const fragments = known.document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  return validate(schema, { kind: Kind.DOCUMENT, definitions: [known.operation, ...fragments] }).length === 0;
}

/** A value for a variable of `type`: every Int at MAX_PAGE_SIZE, the largest page a `first` may ask for. */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((field) => isNonNullType(field.type));
    return Object.fromEntries(fields.map((field) => [field.name, sample(field.type)]));
  }
  const scalars: Record<string, unknown> = { Int: MAX_PAGE_SIZE, Float: 1.5, Boolean: true };
  return scalars[type.name] ?? '1';
}

/** Variables for `operation` in the worst case for its cost: each one given, each Int at MAX_PAGE_SIZE. */
export function worstCaseVariables(schema: GraphQLSchema, operation: OperationDefinitionNode): Record<string, unknown> {
  return Object.fromEntries(
    (operation.variableDefinitions ?? []).map((definition) => {
      const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
      return [definition.variable.name.value, type ? sample(type) : null];
    }),
  );
}
