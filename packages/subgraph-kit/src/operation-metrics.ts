import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import type { OperationDefinitionNode } from 'graphql';
import { Counter, Histogram, type Registry } from 'prom-client';
import { BoundedLabel } from './bounded-label';

/** Seconds; GraphQL operations span a cached lookup (ms) to a checkout calling three services (s). */
export const GRAPHQL_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Distinct operation names a service labels by default; later ones are `other`. */
export const OPERATION_NAME_LIMIT = 100;

/**
 * Distinct error codes labelled; later ones are `other`. Codes are the services' own
 * vocabulary, but the router relays whatever its subgraphs answer, so they are bounded too.
 */
const ERROR_CODE_LIMIT = 50;

/** The operation label of a request that named no runnable operation (it did not parse or validate). */
export const UNRESOLVED_OPERATION = 'unresolved';
/** The operation label of a valid operation without a name. */
export const ANONYMOUS_OPERATION = 'anonymous';

/** How a response went: no errors, data with errors, or errors without data. */
export type OperationOutcome = 'ok' | 'partial' | 'error';

export interface OperationMetricsOptions {
  /** Distinct operation names labelled before the rest are `other` (default `OPERATION_NAME_LIMIT`). */
  operationNameLimit?: number;
}

function outcomeOf(response: GraphQLResponse): { outcome: OperationOutcome; codes: string[] } {
  if (response.body.kind !== 'single') return { outcome: 'ok', codes: [] };
  const { data, errors } = response.body.singleResult;
  if (!errors?.length) return { outcome: 'ok', codes: [] };
  const codes = errors.map((error) => {
    const code = error.extensions?.code;
    return typeof code === 'string' ? code : 'NO_CODE';
  });
  return { outcome: data ? 'partial' : 'error', codes };
}

/**
 * An Apollo Server plugin that records every GraphQL request in `registry`:
 * `agora_graphql_request_duration_seconds{operation, outcome}` (a histogram; its
 * `_count` is the requests) and `agora_graphql_errors_total{operation, code}` (one per
 * error in the response, by its `extensions.code` as the client saw it).
 *
 * The operation label is bounded: the operation's name only once the document parsed,
 * validated and resolved to one operation (so it names an operation the schema can run),
 * `anonymous` for one without a name, `unresolved` for a request that never got that far,
 * and `other` past the first `operationNameLimit` distinct names. No query text, variable
 * or caller ever becomes a label.
 */
export function operationMetricsPlugin<TContext extends object>(
  registry: Registry,
  options: OperationMetricsOptions = {},
): ApolloServerPlugin<TContext> {
  const limit = options.operationNameLimit ?? OPERATION_NAME_LIMIT;
  const names = new BoundedLabel(limit);
  const codes = new BoundedLabel(ERROR_CODE_LIMIT);
  const duration = new Histogram({
    name: 'agora_graphql_request_duration_seconds',
    help: 'GraphQL requests by operation and outcome (ok, partial, error), from request to response, in seconds.',
    labelNames: ['operation', 'outcome'],
    buckets: GRAPHQL_DURATION_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'agora_graphql_errors_total',
    help: 'Errors in GraphQL responses by operation and error code.',
    labelNames: ['operation', 'code'],
    registers: [registry],
  });
  const operationLabel = (operation: OperationDefinitionNode | undefined): string => {
    if (!operation) return UNRESOLVED_OPERATION;
    return operation.name ? names.label(operation.name.value) : ANONYMOUS_OPERATION;
  };

  return {
    requestDidStart: () => {
      const stopTimer = duration.startTimer();
      return Promise.resolve({
        willSendResponse: ({ operation, response }) => {
          const label = operationLabel(operation);
          const { outcome, codes: errorCodes } = outcomeOf(response);
          stopTimer({ operation: label, outcome });
          for (const code of errorCodes) errors.inc({ operation: label, code: codes.label(code) });
          return Promise.resolve();
        },
      });
    },
  };
}
