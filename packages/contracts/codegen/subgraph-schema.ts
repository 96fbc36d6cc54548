import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, printSchema, type GraphQLSchema } from 'graphql';

/**
 * A subgraph's schema as the subgraph serves it: its `schema.graphql` built by
 * `buildSubgraphSchema`, the same call the subgraph kit's server makes, so the
 * federation additions (`_entities`, `_Any`, `_Service`, `_service`) are in it and an
 * entity lookup validates like any other operation. Throws the GraphQL error of an
 * SDL that does not build.
 */
export function servedSchema(sdl: string): GraphQLSchema {
  return buildSubgraphSchema(parse(sdl));
}

/** `servedSchema` printed as SDL, the form graphql-codegen loads a schema from. */
export function servedSchemaSdl(sdl: string): string {
  return printSchema(servedSchema(sdl));
}
