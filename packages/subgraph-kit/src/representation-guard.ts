import {
  getNamedType,
  isInterfaceType,
  isLeafType,
  isObjectType,
  Kind,
  parse,
  type ConstDirectiveNode,
  type ConstObjectValueNode,
  type GraphQLLeafType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/**
 * Entity representations, as `_entities(representations:)` receives them. The router
 * sends `{ __typename, ...key fields, ...@requires fields }` for each entity it wants
 * this subgraph to resolve; anything else that reaches a `__resolveReference` (no
 * type, a type this subgraph does not resolve, a key field missing or of the wrong
 * kind) would make it load `undefined`, throw, or answer an entity without its id.
 * So each representation is checked against the subgraph's own `@key` directives
 * before any resolver runs.
 */

/** A field of a key field set; `fields` is the nested selection of an object-typed field. */
interface KeyField {
  name: string;
  type: GraphQLNamedType;
  fields: KeyField[];
}

interface EntityKey {
  /** The `fields` argument as written in the SDL (`sku package { id }`). */
  text: string;
  fields: KeyField[];
}

/** The resolvable keys of each entity type of a schema, by type name. */
type EntityKeys = Map<string, EntityKey[]>;

/** Where a representation goes wrong: the path from `representations` and why. */
export interface RepresentationProblem {
  field: string;
  message: string;
}

const FEDERATION_SPEC = /^https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+$/;

const stringArgument = (node: ConstDirectiveNode, name: string): string | undefined => {
  const value = node.arguments?.find((argument) => argument.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
};

/** `@key` as this schema spells it: imported (maybe renamed), namespaced (`@federation__key`), or Federation 1's. */
function keyDirectiveName(schema: GraphQLSchema): string {
  for (const node of [schema.astNode, ...schema.extensionASTNodes]) {
    for (const link of node?.directives ?? []) {
      const url = stringArgument(link, 'url');
      if (link.name.value !== 'link' || !url || !FEDERATION_SPEC.test(url)) continue;
      const imports = link.arguments?.find((argument) => argument.name.value === 'import')?.value;
      for (const item of imports?.kind === Kind.LIST ? imports.values : []) {
        if (item.kind === Kind.STRING && item.value === '@key') return 'key';
        if (item.kind === Kind.OBJECT && importedName(item, 'name') === '@key') {
          return (importedName(item, 'as') ?? '@key').slice(1);
        }
      }
      return `${stringArgument(link, 'as') ?? 'federation'}__key`;
    }
  }
  return 'key';
}

function importedName(item: ConstObjectValueNode, field: string): string | undefined {
  const value = item.fields.find((candidate) => candidate.name.value === field)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
}

/** The fields a key selects, each with its type in `parent` (SDL validation has vouched for them). */
function keyFields(parent: GraphQLNamedType, selectionSet: SelectionSetNode): KeyField[] {
  const fields = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields() : {};
  return selectionSet.selections.flatMap((selection) => {
    const field = selection.kind === Kind.FIELD ? fields[selection.name.value] : undefined;
    if (!field || selection.kind !== Kind.FIELD) return [];
    const type = getNamedType(field.type);
    return [{ name: field.name, type, fields: selection.selectionSet ? keyFields(type, selection.selectionSet) : [] }];
  });
}

/** A `resolvable: false` key lets this subgraph return references to its type, not resolve them. */
const isResolvable = (key: ConstDirectiveNode): boolean =>
  !key.arguments?.some(
    (argument) => argument.name.value === 'resolvable' && argument.value.kind === Kind.BOOLEAN && !argument.value.value,
  );

function readEntityKeys(schema: GraphQLSchema): EntityKeys {
  const directive = keyDirectiveName(schema);
  const entities: EntityKeys = new Map();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    const keys = [type.astNode, ...type.extensionASTNodes]
      .flatMap((node) => node?.directives ?? [])
      .filter((node) => node.name.value === directive && isResolvable(node))
      .flatMap((node) => {
        const text = stringArgument(node, 'fields');
        const document = text === undefined ? null : parse(`{ ${text} }`);
        const operation = document?.definitions[0];
        return text !== undefined && operation?.kind === Kind.OPERATION_DEFINITION
          ? [{ text, fields: keyFields(type, operation.selectionSet) }]
          : [];
      });
    if (keys.length > 0) entities.set(type.name, keys);
  }
  return entities;
}

const cache = new WeakMap<GraphQLSchema, EntityKeys>();

function entityKeysOf(schema: GraphQLSchema): EntityKeys {
  let keys = cache.get(schema);
  if (!keys) {
    keys = readEntityKeys(schema);
    cache.set(schema, keys);
  }
  return keys;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether `value` is a value of the leaf type; an ID must be a string, as the router writes it. */
function isLeafValue(type: GraphQLLeafType, value: unknown): boolean {
  if (type.name === 'ID') return typeof value === 'string';
  try {
    type.parseValue(value);
    return true;
  } catch {
    return false;
  }
}

/** The first key field `value` lacks or holds wrongly; `missing` is the message for an absent one. */
function keyProblem(
  fields: KeyField[],
  value: Record<string, unknown>,
  path: string,
  missing: string,
): RepresentationProblem | null {
  for (const field of fields) {
    const item = value[field.name];
    const at = `${path}.${field.name}`;
    if (item === undefined || item === null) return { field: at, message: missing };
    if (field.fields.length > 0) {
      if (!isRecord(item)) return { field: at, message: 'must be an object' };
      const problem = keyProblem(field.fields, item, at, missing);
      if (problem) return problem;
    } else if (isLeafType(field.type) && !isLeafValue(field.type, item)) {
      return { field: at, message: `is not a valid ${field.type.name}` };
    }
  }
  return null;
}

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,127}$/;

function representationProblem(
  entities: EntityKeys,
  representation: unknown,
  path: string,
): RepresentationProblem | null {
  if (!isRecord(representation)) return { field: path, message: 'must be an object with a __typename' };
  const typename = representation.__typename;
  const at = `${path}.__typename`;
  if (typename === undefined || typename === null) return { field: at, message: 'is required' };
  if (typeof typename !== 'string') return { field: at, message: 'must be a string' };
  const keys = entities.get(typename);
  if (!keys) {
    const named = GRAPHQL_NAME.test(typename) ? `${typename} ` : '';
    return { field: at, message: `${named}is not an entity of this service` };
  }
  // With several keys, the problem told is that of the key the representation comes closest
  // to: the most of its top-level fields given, the first in the SDL on a tie.
  let told: RepresentationProblem | null = null;
  let closeness = -1;
  for (const key of keys) {
    const missing =
      keys.length === 1
        ? `is required by the key of ${typename}`
        : `is required by the key "${key.text}" of ${typename}`;
    const problem = keyProblem(key.fields, representation, path, missing);
    if (!problem) return null;
    const given = key.fields.filter((field) => representation[field.name] != null).length;
    if (given > closeness) [told, closeness] = [problem, given];
  }
  return told;
}

/**
 * The first representation of `representations` (the argument of `_entities`) that
 * this subgraph cannot resolve, or null when all are fine. Each must be an object
 * whose `__typename` names an entity type of `schema` (an object or interface type
 * with a `@key` that is not `resolvable: false`) and carry, non-null and of the
 * field's type, every field of at least one of its keys (nested selections as
 * objects; an ID as a string). Fields beyond the key (`@requires`) are left alone.
 * Problems read `representations.0.__typename: Nope is not an entity of this
 * service` or `representations.2.id: is required by the key of Product`.
 */
export function representationsProblem(
  schema: GraphQLSchema,
  representations: unknown,
  path = 'representations',
): RepresentationProblem | null {
  const entities = entityKeysOf(schema);
  for (const [index, representation] of (Array.isArray(representations) ? representations : []).entries()) {
    const problem = representationProblem(entities, representation, `${path}.${index}`);
    if (problem) return problem;
  }
  return null;
}
