import type { ApolloServer } from '@apollo/server';
import type { BaseContext, Caller } from '@agora/subgraph-kit';
import { createLogger } from '@agora/subgraph-kit';
import type { GraphQLFormattedError } from 'graphql';

export interface OperationResult<TData = Record<string, unknown>> {
  data?: TData | null;
  errors?: readonly GraphQLFormattedError[];
}

const silent = createLogger('test', 'silent');

/** The base context a subgraph would build for `caller`. */
export function baseContext(caller: Caller | null = null): BaseContext {
  return { caller, requestId: 'test', log: silent };
}

/** Runs one operation against a subgraph server (no HTTP) and returns its single result. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read results by path
export async function execute<TContext extends BaseContext, TData = Record<string, any>>(
  server: ApolloServer<TContext>,
  contextValue: TContext,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<OperationResult<TData>> {
  const response = await server.executeOperation<TData>({ query, variables }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

/** The `extensions.code` of each error, for assertions. */
export function errorCodes(result: OperationResult<unknown>): unknown[] {
  return (result.errors ?? []).map((e) => e.extensions?.code);
}
