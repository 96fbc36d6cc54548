import { IDENTITY_HEADER, type Caller } from '@agora/subgraph-kit';
import type { TestSigners } from '@agora/testing';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  parse,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import type { GraphQLResponse } from './stack';

// Walks a schema as a server serves it (the router's API schema, or a subgraph's own)
// to find every place a client can put a string: the arguments of every Query and
// Mutation field, and of the nested fields reachable from them, down through input
// objects and lists. Tests send bad values there, so a new field or subgraph is
// covered without anyone listing it.

/** Sends one operation to the server under test. */
export type Send = (query: string, variables: Record<string, unknown>) => Promise<GraphQLResponse>;

/** Where a string goes: a field and the path inside its arguments. */
export interface Slot {
  root: 'query' | 'mutation';
  /** The type the field is on: the root type, or a type reached from Query. */
  owner: string;
  field: GraphQLField<unknown, unknown>;
  /**
   * Ways from the root to the field's parent, shortest first, as field names;
   * `[[]]` for a root field. A route is of use only if its fields resolve.
   */
  routes: string[][];
  /** `input.lines.0.sku`: argument name, then input fields and list indexes. */
  path: string[];
  /** The scalar's name: String, ID or a custom scalar such as `_Any`. */
  scalar: string;
}

/** Sends to a subgraph directly, with the caller's identity signed as the router would sign it. */
export function signedSend(url: string, caller: Caller, signers: TestSigners): Send {
  return async (query, variables) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: await signers.sign(caller) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLResponse['body'] };
  };
}

export async function introspect(send: Send): Promise<GraphQLSchema> {
  const { body } = await send(getIntrospectionQuery(), {});
  if (!body.data) throw new Error(`introspection failed: ${JSON.stringify(body.errors)}`);
  return buildClientSchema(body.data as IntrospectionQuery);
}

const isRequired = (item: { type: GraphQLInputType; defaultValue?: unknown }): boolean =>
  isNonNullType(item.type) && item.defaultValue === undefined;

const NOT_TEXT = ['Int', 'Float', 'Boolean'];

/** Every path from `type` down to a string-like scalar, through input objects and lists. */
function stringPaths(type: GraphQLInputType, depth = 0): { path: string[]; scalar: string }[] {
  if (isNonNullType(type)) return stringPaths(type.ofType, depth);
  if (isListType(type)) {
    return stringPaths(type.ofType, depth).map((p) => ({ ...p, path: ['0', ...p.path] }));
  }
  if (isInputObjectType(type)) {
    if (depth > 4) return [];
    return Object.values(type.getFields()).flatMap((field) =>
      stringPaths(field.type, depth + 1).map((p) => ({ ...p, path: [field.name, ...p.path] })),
    );
  }
  if (isScalarType(type) && !NOT_TEXT.includes(type.name)) return [{ path: [], scalar: type.name }];
  return [];
}

/** Values the services accept for well-known argument names, so a request gets as far as the field under test. */
const PLAUSIBLE: Record<string, unknown> = {
  currency: 'USD',
  email: 'someone@example.com',
  password: 'a long enough password',
  quantity: 1,
  rating: 5,
  amount: 100,
  first: 5,
  expMonth: 12,
  expYear: 2099,
  cardNumber: '4242 4242 4242 4242',
  cvc: '123',
  country: 'US',
  idempotencyKey: 'schema-walk-key',
};

/** A value of `type` that is valid GraphQL (and, for known names, plausible to the service). */
function filler(type: GraphQLInputType, name: string): unknown {
  if (isNonNullType(type)) return filler(type.ofType, name);
  if (isListType(type)) return [filler(type.ofType, name)];
  if (name in PLAUSIBLE) return PLAUSIBLE[name];
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter(isRequired);
    return Object.fromEntries(fields.map((field) => [field.name, filler(field.type, field.name)]));
  }
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isScalarType(type) && ['Int', 'Float'].includes(type.name)) return 1;
  if (isScalarType(type) && type.name === 'Boolean') return false;
  return 'x';
}

/** `filler`, except that the value at `path` is `value`. */
function withValue(type: GraphQLInputType, name: string, path: string[], value: unknown): unknown {
  if (isNonNullType(type)) return withValue(type.ofType, name, path, value);
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (isListType(type)) return [withValue(type.ofType, name, rest, value)];
  const field = isInputObjectType(type) ? type.getFields()[head] : undefined;
  if (!field) throw new Error(`no input field ${head} in ${String(type)}`);
  return { ...(filler(type, name) as Record<string, unknown>), [head]: withValue(field.type, head, rest, value) };
}

/** How many routes to a nested field are kept (some lead nowhere for a given caller). */
const ROUTES_PER_FIELD = 4;

/** The fields reachable from `root` through fields without required arguments, breadth first, with their routes. */
function reachableFields(
  root: GraphQLObjectType,
): { owner: GraphQLObjectType; field: GraphQLField<unknown, unknown>; routes: string[][] }[] {
  const found = new Map<
    string,
    { owner: GraphQLObjectType; field: GraphQLField<unknown, unknown>; routes: string[][] }
  >();
  let frontier: { route: string[]; type: GraphQLObjectType }[] = [{ route: [], type: root }];
  for (let depth = 0; depth < 5 && frontier.length > 0; depth += 1) {
    const next: typeof frontier = [];
    for (const { route, type } of frontier) {
      for (const field of Object.values(type.getFields())) {
        const key = `${type.name}.${field.name}`;
        const entry = found.get(key) ?? { owner: type, field, routes: [] };
        found.set(key, entry);
        if (entry.routes.length >= ROUTES_PER_FIELD) continue;
        entry.routes.push(route);
        const named = getNamedType(field.type);
        if (isObjectType(named) && !field.args.some(isRequired))
          next.push({ route: [...route, field.name], type: named });
      }
    }
    frontier = next;
  }
  return [...found.values()];
}

/**
 * Every string slot of the schema's Query and Mutation fields; with `nested`, also
 * of the fields reachable from Query (a mutation's result is not a way in).
 */
export function slotsOf(schema: GraphQLSchema, options: { nested: boolean }): Slot[] {
  const slots: Slot[] = [];
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const;
  for (const [root, type] of roots) {
    if (!type) continue;
    const fields = reachableFields(type).filter(({ owner }) => owner === type || (options.nested && root === 'query'));
    for (const { owner, field, routes } of fields) {
      for (const argument of field.args) {
        for (const { path, scalar } of stringPaths(argument.type)) {
          slots.push({ root, owner: owner.name, field, routes, path: [argument.name, ...path], scalar });
        }
      }
    }
  }
  return slots;
}

export const isRootSlot = (slot: Slot): boolean => slot.routes.length === 1 && slot.routes[0]?.length === 0;

/** The operation sending `value` into the slot through `route`, every other required argument filled in. */
export function operationFor(
  slot: Slot,
  value: unknown,
  route: string[] = slot.routes[0] ?? [],
): { query: string; variables: Record<string, unknown> } {
  const used = slot.field.args.filter((argument) => argument.name === slot.path[0] || isRequired(argument));
  const variables: Record<string, unknown> = {};
  for (const argument of used) {
    variables[argument.name] =
      argument.name === slot.path[0]
        ? withValue(argument.type, argument.name, slot.path.slice(1), value)
        : filler(argument.type, argument.name);
  }
  const declarations = used.map((argument) => `$${argument.name}: ${String(argument.type)}`).join(', ');
  const args = used.map((argument) => `${argument.name}: $${argument.name}`).join(', ');
  const selection = isCompositeType(getNamedType(slot.field.type)) ? ' { __typename }' : '';
  const text = nest(route, `${slot.field.name}${args ? `(${args})` : ''}${selection}`);
  return { query: `${slot.root}${declarations ? `(${declarations})` : ''} { ${text} }`, variables };
}

function nest(route: string[], inner: string): string {
  return route.reduceRight((text, parent) => `${parent} { ${text} }`, inner);
}

/** The first of the slot's routes whose fields resolve to something for this caller; null when none does. */
export async function routeTo(send: Send, slot: Slot): Promise<string[] | null> {
  for (const route of slot.routes) {
    if (route.length === 0) return route;
    const { body } = await send(`query { ${nest(route, '__typename')} }`, {});
    let value: unknown = body.data;
    for (const parent of route) {
      while (Array.isArray(value)) value = value[0];
      value = (value as Record<string, unknown> | null | undefined)?.[parent];
    }
    while (Array.isArray(value)) value = value[0];
    if (value !== null && value !== undefined) return route;
  }
  return null;
}

export const label = (slot: Slot): string =>
  `${slot.root} ${isRootSlot(slot) ? '' : `${slot.owner}.`}${slot.field.name}(${slot.path.join('.')})`;

/** The entity types a subgraph resolves by key (its `_Entity` union), empty for the router's API schema. */
export function entityTypes(schema: GraphQLSchema): string[] {
  const union = schema.getType('_Entity');
  return union && 'getTypes' in union ? union.getTypes().map((type) => type.name) : [];
}

/** An entity type as a subgraph's SDL declares it: the `fields` of its keys, and whether this subgraph resolves it. */
export interface EntityDeclaration {
  type: string;
  keys: string[];
  /** False for a stub the subgraph only refers to (every key `resolvable: false`). */
  resolvable: boolean;
}

/** The object types a subgraph's own SDL (`_service { sdl }`) declares, entities with their `@key`s. */
export async function declaredTypes(send: Send): Promise<{ entities: EntityDeclaration[]; others: string[] }> {
  const { body } = await send('{ _service { sdl } }', {});
  const sdl = (body.data as { _service?: { sdl?: string } } | undefined)?._service?.sdl;
  if (!sdl) throw new Error(`no SDL: ${JSON.stringify(body.errors)}`);
  const entities: EntityDeclaration[] = [];
  const others: string[] = [];
  for (const definition of parse(sdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const keys = (definition.directives ?? []).filter((directive) => directive.name.value === 'key');
    if (keys.length === 0) {
      others.push(definition.name.value);
      continue;
    }
    const argument = (key: (typeof keys)[number], name: string) =>
      key.arguments?.find((candidate) => candidate.name.value === name)?.value;
    entities.push({
      type: definition.name.value,
      keys: keys.map((key) => {
        const fields = argument(key, 'fields');
        return fields?.kind === Kind.STRING ? fields.value : '';
      }),
      resolvable: keys.some((key) => {
        const resolvable = argument(key, 'resolvable');
        return !(resolvable?.kind === Kind.BOOLEAN && !resolvable.value);
      }),
    });
  }
  return { entities, others };
}
