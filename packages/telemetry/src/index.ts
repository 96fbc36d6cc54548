export { startTelemetry, tracingRequested, type Telemetry, type TelemetryOptions } from './start';
export { serviceNameOf } from './service-name';
export {
  REQUEST_ID_ATTRIBUTE,
  SUBGRAPH_ATTRIBUTE,
  currentTraceContext,
  inSpan,
  inSpanContinuing,
  markFailed,
  tagOperation,
  tagRequest,
  tagSubgraphFetch,
  type SpanOptions,
  type TraceContextFields,
} from './spans';
export { SpanKind, SpanStatusCode } from '@opentelemetry/api';
export { startInMemoryTelemetry, type InMemoryTelemetry, type ModuleLoader, type ReadableSpan } from './in-memory';
