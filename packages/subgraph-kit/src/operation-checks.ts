import {
  type DocumentNode,
  getOperationAST,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
} from 'graphql';
import { RequestError, RequestErrorCode } from './request-errors';

function describeOperation(operation: OperationDefinitionNode): string {
  return operation.name ? `"${operation.name.value}"` : `an anonymous ${operation.operation}`;
}

function resolutionFailure(message: string): RequestError {
  return new RequestError(400, RequestErrorCode.OperationResolutionFailure, message);
}

/**
 * Why the operation a request names cannot run over HTTP, or undefined when it can:
 * no such operation or no `operationName` among several (400 OPERATION_RESOLUTION_FAILURE),
 * a subscription (400 BAD_REQUEST), anything but a query sent with GET (405 BAD_REQUEST).
 */
export function operationFailure(
  document: DocumentNode,
  operationName: string | null | undefined,
  method: string | undefined,
): RequestError | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation) {
    const defined = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    const list = defined.map(describeOperation).join(', ');
    if (defined.length === 0) return resolutionFailure('The document defines no operation.');
    if (operationName) {
      return resolutionFailure(`The document has no operation named "${operationName}"; it defines ${list}.`);
    }
    return resolutionFailure(
      `The document defines ${defined.length} operations (${list}); name the one to run in "operationName".`,
    );
  }
  if (operation.operation === OperationTypeNode.SUBSCRIPTION) {
    return new RequestError(400, RequestErrorCode.BadRequest, 'Subscriptions are not supported over HTTP.');
  }
  if (method === 'GET' && operation.operation !== OperationTypeNode.QUERY) {
    return new RequestError(
      405,
      RequestErrorCode.BadRequest,
      `A ${operation.operation} cannot be sent with GET; use POST.`,
      { allow: 'POST' },
    );
  }
  return undefined;
}

/**
 * graphql-js 16 validates no operation type against the schema, so a mutation sent to
 * a schema without mutations fails only when it runs; this refuses it up front
 * (400 GRAPHQL_VALIDATION_FAILED, as the rule graphql-js 17 adds).
 */
export function missingRootType(schema: GraphQLSchema, operation: OperationDefinitionNode): string | undefined {
  return schema.getRootType(operation.operation) ? undefined : `This schema has no ${operation.operation} operations.`;
}
