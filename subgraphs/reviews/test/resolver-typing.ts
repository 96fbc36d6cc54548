// Type-level checks, compiled by `npx tsc -p tsconfig.test.json` and never run. Each
// `@ts-expect-error` fails the compile when the mistake under it stops being one: a
// resolver map accepts only the types and fields the schema declares.
import { createSubgraphServer } from '@agora/subgraph-kit';
import type { DocumentNode } from 'graphql';
import type { Resolvers } from '../src/__generated__/resolvers-types';
import type { Context } from '../src/context';

declare const typeDefs: DocumentNode;

/** The right spellings compile, so each error below is the misspelling alone. */
export const spelledRight: Resolvers = {
  Review: { title: () => 'title' },
  Mutation: { deleteReview: () => true },
};

export const misspeltField: Resolvers = {
  Review: {
    // @ts-expect-error -- Review has no field `titel`
    titel: () => 'title',
  },
};

export const misspeltMutation: Resolvers = {
  Mutation: {
    // @ts-expect-error -- Mutation has no field `deleteReviews`
    deleteReviews: () => true,
  },
};

export const unknownType: Resolvers = {
  // @ts-expect-error -- the schema declares no type `Reveiw`
  Reveiw: { title: () => 'title' },
};

/** The kit holds a subgraph to its generated map too. */
export function serverWithMisspelling() {
  return createSubgraphServer<Context, Resolvers>({
    typeDefs,
    resolvers: {
      Review: { title: () => 'title' },
      // @ts-expect-error -- the schema declares no type `Reveiw`
      Reveiw: { title: () => 'title' },
    },
  });
}
