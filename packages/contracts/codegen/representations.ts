import {
  isObjectType,
  isScalarType,
  getNamedType,
  Kind,
  parse,
  type ConstDirectiveNode,
  type DocumentNode,
  type GraphQLObjectType,
} from 'graphql';
import { servedSchema } from './subgraph-schema';

/** TypeScript for the built-in scalars a key field can have. */
const KEY_SCALARS: Record<string, string> = {
  ID: 'string',
  String: 'string',
  Int: 'number',
  Float: 'number',
  Boolean: 'boolean',
};

function argument(directive: ConstDirectiveNode, name: string) {
  return directive.arguments?.find((arg) => arg.name.value === name)?.value;
}

/** The `@key(fields:)` of each entity type the subgraph resolves (not `resolvable: false`), by type name. */
function resolvableKeys(document: DocumentNode): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'key') continue;
      const resolvable = argument(directive, 'resolvable');
      if (resolvable?.kind === Kind.BOOLEAN && !resolvable.value) continue;
      const fields = argument(directive, 'fields');
      if (fields?.kind !== Kind.STRING) continue;
      keys.set(definition.name.value, [...(keys.get(definition.name.value) ?? []), fields.value]);
    }
  }
  return keys;
}

/** `{ __typename: 'Product'; id: string }` for one key of `type`; only keys of scalar fields are supported. */
function keyShape(type: GraphQLObjectType, fields: string): string {
  if (/[{}]/.test(fields)) {
    throw new Error(`${type.name} @key(fields: "${fields}"): nested keys are not supported here`);
  }
  const members = fields
    .trim()
    .split(/\s+/)
    .map((name) => {
      const field = type.getFields()[name];
      const scalar = field && getNamedType(field.type);
      const typescript = scalar && isScalarType(scalar) ? KEY_SCALARS[scalar.name] : undefined;
      if (!typescript) {
        throw new Error(`${type.name} @key(fields: "${fields}"): ${name} is not a field of a built-in scalar type`);
      }
      return `${name}: ${typescript}`;
    });
  return `{ __typename: '${type.name}'; ${members.join('; ')} }`;
}

/**
 * TypeScript types for the entity representations a subgraph's `_entities` takes: one
 * `<Type>Representation` per entity type it resolves, with the fields of its `@key`
 * (a union when it has several keys), and `EntityRepresentation`, any of them: the type
 * of the `_Any` scalar in the subgraph's contract. A renamed key field changes the type,
 * so a caller that still sends the old one fails to compile.
 */
export function representationTypes(sdl: string): string {
  const schema = servedSchema(sdl);
  const keys = resolvableKeys(parse(sdl));
  const names = [...keys.keys()].sort();
  const types = names.map((name) => {
    const type = schema.getType(name);
    if (!isObjectType(type)) throw new Error(`@key on ${name}, which is not an object type`);
    const shapes = (keys.get(name) ?? []).map((fields) => keyShape(type, fields));
    return `/** \`${name}\`, by its key, as \`_entities\` takes it. */\nexport type ${name}Representation = ${shapes.join(' | ')};`;
  });
  const any = names.length ? names.map((name) => `${name}Representation`).join(' | ') : 'never';
  return [
    ...types,
    `/** Any entity this subgraph resolves, as \`_entities\` takes it (the \`_Any\` scalar). */\nexport type EntityRepresentation = ${any};`,
  ].join('\n\n');
}
