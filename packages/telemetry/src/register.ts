// The first import of every process entry (`import '@agora/telemetry/register';` at the top
// of subgraphs/*/src/main.ts and router/src/main.ts), or `node --require
// @agora/telemetry/register`: it starts tracing before anything instrumented is loaded,
// when the OTEL_* variables ask for it, and does nothing otherwise.
import { serviceNameOf } from './service-name';
import { startTelemetry } from './start';

const telemetry = startTelemetry({ serviceName: serviceNameOf(process.argv[1]) });

if (telemetry) {
  // Flush what is buffered when the process is asked to stop; the service's own handler drains and exits.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void telemetry.shutdown().catch(() => undefined));
  }
}
