// The first import of every process entry (`import '@agora/telemetry/register';` at the top
// of subgraphs/*/src/main.ts and router/src/main.ts), or `node --require
// @agora/telemetry/register`: it starts tracing before anything instrumented is loaded,
// when the OTEL_* variables ask for it, and does nothing otherwise.
import { serviceNameOf } from './service-name';
import { startTelemetry } from './start';

// The spans still buffered are exported on SIGTERM/SIGINT by the service's own shutdown
// (the subgraph kit's stopOnSignals: after the server has drained, before the exit).
startTelemetry({ serviceName: serviceNameOf(process.argv[1]) });
