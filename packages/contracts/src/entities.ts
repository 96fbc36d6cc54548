/**
 * The `representations` of an `_entities` lookup of `typename` entities by `id`, in the
 * order of `ids`: the callee answers one entity per representation, in that order.
 */
export function representationsOf<TTypename extends string>(
  typename: TTypename,
  ids: readonly string[],
): { __typename: TTypename; id: string }[] {
  return ids.map((id) => ({ __typename: typename, id }));
}

/**
 * The entities of an `_entities` answer narrowed to `typename` (the operation selects
 * `__typename`); null stays null, for a key the callee does not know. Throws when the
 * callee answered another type: it was asked for `typename` only, so that is its fault.
 */
export function entitiesOf<TEntity extends { __typename: string }, TTypename extends TEntity['__typename']>(
  typename: TTypename,
  entities: readonly (TEntity | null)[],
): (Extract<TEntity, { __typename: TTypename }> | null)[] {
  return entities.map((entity) => {
    if (entity === null) return null;
    if (entity.__typename !== typename) throw new Error(`asked for ${typename} entities, got a ${entity.__typename}`);
    return entity as Extract<TEntity, { __typename: TTypename }>;
  });
}
