import {
  type DirectiveNode,
  type DefinitionNode,
  type FieldDefinitionNode,
  Kind,
  parse,
  type SelectionSetNode,
  type TypeNode,
} from 'graphql';

/**
 * Per type name, the field names the query planner selects on its own on that type,
 * each with why (for the error message): the fields of every `@key` (nested key
 * selections reserve their names on the nested type) and the fields another field
 * `@requires`.
 */
export type PlannerNames = ReadonlyMap<string, ReadonlyMap<string, string>>;

type FieldTypes = Map<string, Map<string, string>>;

function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}

function stringArgument(directive: DirectiveNode, name: string): string | undefined {
  const argument = directive.arguments?.find((arg) => arg.name.value === name);
  return argument?.value.kind === Kind.STRING ? argument.value.value : undefined;
}

function fieldsOf(definition: DefinitionNode): readonly FieldDefinitionNode[] | undefined {
  return definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.INTERFACE_TYPE_DEFINITION
    ? (definition.fields ?? [])
    : undefined;
}

/** A `join__FieldSet` as a selection set; undefined if it does not parse (composition never writes one). */
function fieldSet(fields: string): SelectionSetNode | undefined {
  try {
    const document = parse(`{${fields}}`, { noLocation: true });
    const operation = document.definitions[0];
    return operation?.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet : undefined;
  } catch {
    return undefined;
  }
}

class PlannerNamesBuilder {
  readonly names = new Map<string, Map<string, string>>();

  constructor(private readonly fieldTypes: FieldTypes) {}

  /**
   * Reserves every field name of `selection` on `typeName` with reason `why`, and the
   * names of nested selections on their own types with reason `whyNested`.
   */
  reserve(typeName: string, selection: SelectionSetNode, why: string, whyNested = why): void {
    for (const node of selection.selections) {
      if (node.kind === Kind.INLINE_FRAGMENT) {
        this.reserve(node.typeCondition?.name.value ?? typeName, node.selectionSet, why, whyNested);
      } else if (node.kind === Kind.FIELD) {
        const names = this.names.get(typeName) ?? new Map<string, string>();
        this.names.set(typeName, names);
        if (!names.has(node.name.value)) names.set(node.name.value, why);
        const nestedType = this.fieldTypes.get(typeName)?.get(node.name.value);
        if (node.selectionSet && nestedType) this.reserve(nestedType, node.selectionSet, whyNested);
      }
    }
  }
}

/** Reads the key and `@requires` field sets from the `@join__type` / `@join__field` directives of a supergraph. */
export function plannerNamesOf(supergraphSdl: string): PlannerNames {
  const definitions = parse(supergraphSdl, { noLocation: true }).definitions;
  const fieldTypes: FieldTypes = new Map();
  for (const definition of definitions) {
    const fields = fieldsOf(definition);
    if (!fields || !('name' in definition) || !definition.name) continue;
    fieldTypes.set(definition.name.value, new Map(fields.map((f) => [f.name.value, namedTypeOf(f.type)])));
  }

  const builder = new PlannerNamesBuilder(fieldTypes);
  for (const definition of definitions) {
    const fields = fieldsOf(definition);
    if (!fields || !('name' in definition) || !definition.name) continue;
    const typeName = definition.name.value;
    for (const directive of definition.directives ?? []) {
      const key = directive.name.value === 'join__type' ? stringArgument(directive, 'key') : undefined;
      const selection = key && fieldSet(key);
      if (selection) {
        builder.reserve(
          typeName,
          selection,
          `a key field of ${typeName}`,
          `a field in the key "${key}" of ${typeName}`,
        );
      }
    }
    for (const field of fields) {
      for (const directive of field.directives ?? []) {
        const requires = directive.name.value === 'join__field' ? stringArgument(directive, 'requires') : undefined;
        const selection = requires && fieldSet(requires);
        if (selection) builder.reserve(typeName, selection, `a field ${typeName}.${field.name.value} requires`);
      }
    }
  }
  return builder.names;
}
