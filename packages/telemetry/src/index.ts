export { startTelemetry, tracingRequested, type Telemetry, type TelemetryOptions } from './start';
export { serviceNameOf } from './service-name';
export {
  REQUEST_ID_ATTRIBUTE,
  currentTraceContext,
  inSpan,
  inSpanContinuing,
  tagRequest,
  type SpanOptions,
  type TraceContextFields,
} from './spans';
