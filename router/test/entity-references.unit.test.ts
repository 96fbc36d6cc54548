import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, type FieldDefinitionNode, type TypeNode } from 'graphql';

// Issue 10's rule, checked on every subgraph's SDL: a field whose value is an entity another
// service resolves is nullable, so that service failing costs this field (with an error
// entry), not the object holding it and, through non-null parents, the whole response.

const SUBGRAPHS = path.join(__dirname, '..', '..', 'subgraphs');

interface ObjectDefinition {
  subgraph: string;
  type: string;
  keyFields: Set<string>;
  fields: readonly FieldDefinitionNode[];
}

function definitions(): ObjectDefinition[] {
  return readdirSync(SUBGRAPHS).flatMap((subgraph) => {
    const document = parse(readFileSync(path.join(SUBGRAPHS, subgraph, 'src', 'schema.graphql'), 'utf8'));
    return document.definitions.flatMap((node) => {
      if (node.kind !== Kind.OBJECT_TYPE_DEFINITION && node.kind !== Kind.OBJECT_TYPE_EXTENSION) return [];
      const keyFields = new Set<string>();
      for (const directive of node.directives ?? []) {
        if (directive.name.value !== 'key') continue;
        const fields = directive.arguments?.find((arg) => arg.name.value === 'fields')?.value;
        if (fields?.kind === Kind.STRING)
          for (const name of fields.value.split(/[\s{}]+/)) if (name) keyFields.add(name);
      }
      return [{ subgraph, type: node.name.value, keyFields, fields: node.fields ?? [] }];
    });
  });
}

const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));

/**
 * The subgraphs that own each entity: those whose definition of it has a non-null field
 * beyond its key (catalog's `Product.name`); a subgraph that only refers to an entity or
 * adds nullable fields to it does not own it.
 */
function owners(all: ObjectDefinition[]): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const { subgraph, type, keyFields, fields } of all) {
    if (keyFields.size === 0) continue;
    const owns = fields.some((field) => !keyFields.has(field.name.value) && field.type.kind === Kind.NON_NULL_TYPE);
    if (!owns) continue;
    result.set(type, (result.get(type) ?? new Set()).add(subgraph));
  }
  return result;
}

/** Every field, in every SDL, whose type is an entity only other subgraphs resolve: `subgraph: Type.field: type`. */
function foreignReferences(): string[] {
  const all = definitions();
  const owned = owners(all);
  return all.flatMap(({ subgraph, type, fields }) =>
    fields
      .filter((field) => {
        const entityOwners = owned.get(namedType(field.type));
        return entityOwners !== undefined && !entityOwners.has(subgraph);
      })
      .map((field) => `${subgraph}: ${type}.${field.name.value}: ${print(field.type)}`),
  );
}

describe('references to an entity another subgraph resolves', () => {
  const references = foreignReferences();

  it('finds the references the rule is about (the walk over the SDLs works)', () => {
    expect(references).toEqual(
      expect.arrayContaining([
        'reviews: Review.author: User',
        'reviews: Review.product: Product',
        'cart: CartItem.product: Product',
        'orders: OrderItem.product: Product',
        'search: ProductEdge.node: Product',
        'inventory: Mutation.setStock: Product',
        'recommendations: Product.recommendations: [Product!]',
      ]),
    );
  });

  it('are nullable in every subgraph, so that subgraph failing does not blank the object holding them', () => {
    expect(references.filter((reference) => reference.endsWith('!'))).toEqual([]);
  });
});
