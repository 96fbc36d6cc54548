import {
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLSchema,
  isAbstractType,
  type ValidationRule,
} from 'graphql';
import { type PlannerNames, plannerNamesOf } from './planner-names';

const UPSTREAM_ISSUE = 'apollographql/federation#3036';
const TYPENAME = '__typename';

/**
 * Refuses aliases that make the gateway's query planner answer wrong data, silently.
 *
 * apollographql/federation#3036 (open upstream): when a field's alias is a name the
 * planner selects on that type itself, the planner's own selection and the client's
 * share one response name and one of them is dropped. That is a key field it fetches to
 * reach another subgraph (`product { id: slug inStock }` answers the product's id as
 * `id`; nested key fields too), a field another field `@requires` (the requiring field
 * then fails and nulls its parent), and `__typename` (answered instead of the aliased
 * field). Fields a subgraph `@provides` are read under the client's own names and are
 * safe. Which names a plan needs depends on the whole operation, so the rule refuses
 * every alias that is such a name on the field's type (on an interface or union: on
 * any of its object types), unless it is the field's own name. Remove it once the
 * planner keeps them apart.
 *
 * The names come from each loaded supergraph (`load`, on every hot reload), kept per
 * API schema so a request is checked against the supergraph it is validated with.
 */
export class PlannerAliasGuard {
  private readonly namesBySchema = new WeakMap<GraphQLSchema, PlannerNames>();

  /** Reads the key and `@requires` names of a newly loaded supergraph, for its API schema. */
  load(apiSchema: GraphQLSchema, supergraphSdl: string): void {
    this.namesBySchema.set(apiSchema, plannerNamesOf(supergraphSdl));
  }

  /** The validation rule (400 GRAPHQL_VALIDATION_FAILED, the message names alias, field, type and reason). */
  readonly rule: ValidationRule = (context) => {
    const schema = context.getSchema();
    const names = this.namesBySchema.get(schema);
    if (!names) throw new Error('No planner names for this schema: the supergraph was not loaded through the guard.');
    return {
      Field: (node) => {
        const alias = node.alias?.value;
        const parent = context.getParentType();
        if (!alias || alias === node.name.value || !parent) return;
        const reason =
          alias === TYPENAME
            ? 'the field the query planner reads the type from'
            : reasonFor(schema, names, parent, alias);
        if (!reason) return;
        context.reportError(
          new GraphQLError(
            `The alias "${alias}" on ${parent.name}.${node.name.value} is the name of ${reason}; choose another alias (${UPSTREAM_ISSUE}).`,
            { nodes: [node] },
          ),
        );
      },
    };
  };
}

/** Why `alias` is a planner name on `parent`; on an interface or union, on each of its object types. */
function reasonFor(
  schema: GraphQLSchema,
  names: PlannerNames,
  parent: GraphQLCompositeType,
  alias: string,
): string | undefined {
  const own = names.get(parent.name)?.get(alias);
  if (own || !isAbstractType(parent)) return own;
  const reasons = schema.getPossibleTypes(parent).flatMap((type) => names.get(type.name)?.get(alias) ?? []);
  return reasons.length > 0 ? [...new Set(reasons)].join(' and ') : undefined;
}
