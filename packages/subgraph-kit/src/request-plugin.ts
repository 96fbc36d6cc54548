import { tagOperation } from '@agora/telemetry';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { missingRootType, operationFailure } from './operation-checks';
import { RequestErrorCode } from './request-errors';

const PERSISTED_QUERY_REFUSALS = new Set<unknown>([
  RequestErrorCode.PersistedQueryNotFound,
  RequestErrorCode.PersistedQueryNotSupported,
]);

/**
 * The request checks Apollo Server can only make once it has the document: one whose
 * text came from the persisted query cache (`graphqlRequestChecks` saw only its hash),
 * and operation types the schema does not have (400 GRAPHQL_VALIDATION_FAILED instead
 * of an execution error). Also answers PERSISTED_QUERY_NOT_FOUND / _NOT_SUPPORTED with
 * 400 rather than Apollo Server's 200: Apollo Client reads them from a 4xx body too.
 * Names the request's trace span after the operation (`tagOperation`).
 */
export function graphqlRequestPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ document, request, operation, schema }) => {
          const refusal = operationFailure(document, request.operationName, request.http?.method);
          if (refusal) throw refusal.toGraphQLError();
          tagOperation(operation?.operation, operation?.name?.value);
          const missing = operation && missingRootType(schema, operation);
          if (missing) {
            throw new GraphQLError(missing, {
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
            });
          }
          return Promise.resolve();
        },
        willSendResponse: ({ response }) => {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          if (errors?.some((error) => PERSISTED_QUERY_REFUSALS.has(error.extensions?.code))) response.http.status = 400;
          return Promise.resolve();
        },
      }),
  };
}
