import { createHash } from 'node:crypto';
import { type DefinitionNode, Kind, type OperationDefinitionNode, parse } from 'graphql';

/** One operation of Apollo's persisted query manifest. */
export interface ManifestOperation {
  /** The SHA-256 of `body`, in lower-case hex: what a client sends as `persistedQuery.sha256Hash`. */
  id: string;
  /** The operation's name; `anonymous` for an operation without one. */
  name: string;
  type: OperationDefinitionNode['operation'];
  /** The operation's text (with its fragments) exactly as clients send it. */
  body: string;
}

/** Apollo's persisted query manifest, as TRUSTED_DOCUMENTS reads it. */
export interface PersistedQueryManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: ManifestOperation[];
}

/** The text of each ```graphql block of a Markdown document, in order. */
export function graphqlBlocksOf(markdown: string): string[] {
  return [...markdown.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

/**
 * The manifest that trusts each operation of `documents`: its own text as written there
 * (from its first token to its closing brace), followed by the text of the document's
 * fragments when it has any, so a client must send that text byte for byte, or its id.
 * Texts that do not parse are left out; each distinct body is listed once, in the order
 * of `documents`.
 */
export function trustedDocumentsManifest(documents: readonly string[]): PersistedQueryManifest {
  const operations = new Map<string, ManifestOperation>();
  for (const text of documents) {
    let definitions: readonly DefinitionNode[];
    try {
      definitions = parse(text).definitions;
    } catch {
      continue;
    }
    const sourceOf = (node: DefinitionNode): string => (node.loc ? text.slice(node.loc.start, node.loc.end) : '');
    const fragments = definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION).map(sourceOf);
    for (const definition of definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const body = [sourceOf(definition), ...fragments].join('\n\n');
      const id = createHash('sha256').update(body).digest('hex');
      const name = definition.name?.value ?? 'anonymous';
      if (!operations.has(id)) operations.set(id, { id, name, type: definition.operation, body });
    }
  }
  return { format: 'apollo-persisted-query-manifest', version: 1, operations: [...operations.values()] };
}
