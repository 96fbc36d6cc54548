import type { Instrumentation, InstrumentationModuleDefinition } from '@opentelemetry/instrumentation';
import type * as TraceBase from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { loadSdk, startTelemetry, type Telemetry } from './start';

export type { ReadableSpan };

/** Tracing kept in memory: every finished span, in the order it ended. */
export interface InMemoryTelemetry extends Telemetry {
  spans(): ReadableSpan[];
  reset(): void;
}

/** Loads a module by name, as the code under test would (a test runner's own `require`). */
export type ModuleLoader = (id: string) => unknown;

/**
 * Starts tracing as a process does (same instrumentations and propagator) but keeps the
 * spans in memory instead of exporting them, whatever the OTEL_* variables say: for
 * tests that assert a span tree. Like startTelemetry, it must run before the modules it
 * instruments are used. A test runner with its own module registry (jest) loads modules
 * past the SDK's require hook: pass its `require` as `load`, and the instrumentations'
 * patches are applied to the modules it loads (http, express, graphql, pg, amqplib),
 * and taken off again by `shutdown` (node's own http outlives the test file).
 */
export function startInMemoryTelemetry(serviceName: string, load?: ModuleLoader): InMemoryTelemetry {
  const { InMemorySpanExporter, SimpleSpanProcessor } = loadTraceBase();
  const exporter = new InMemorySpanExporter();
  const instrumentations = loadSdk().agoraInstrumentations();
  const telemetry = startTelemetry({
    serviceName,
    spanProcessors: [new SimpleSpanProcessor(exporter)],
    instrumentations,
  });
  if (!telemetry) throw new Error('tracing did not start');
  const unpatches = load ? instrumentations.flatMap((instrumentation) => patchLoaded(instrumentation, load)) : [];
  return {
    spans: () => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
    shutdown: async () => {
      for (const unpatch of unpatches.reverse()) unpatch();
      await telemetry.shutdown();
    },
  };
}

/** The SDK's span classes, loaded on use: a process that does not trace never loads them. */
function loadTraceBase(): typeof TraceBase {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  return require('@opentelemetry/sdk-trace-base') as typeof TraceBase;
}

/**
 * Applies `instrumentation`'s patches to each module (and instrumented file) `load` finds;
 * answers what takes them off.
 */
function patchLoaded(instrumentation: Instrumentation, load: ModuleLoader): (() => void)[] {
  const unpatches: (() => void)[] = [];
  const definitions = (
    instrumentation as Instrumentation & { getModuleDefinitions?: () => InstrumentationModuleDefinition[] }
  ).getModuleDefinitions?.();
  for (const definition of definitions ?? []) {
    const exports = tryLoad(load, definition.name);
    if (exports === undefined) continue;
    const version = (tryLoad(load, `${definition.name}/package.json`) as { version?: string } | undefined)?.version;
    if (definition.patch) {
      definition.patch(exports, version);
      unpatches.push(() => definition.unpatch?.(exports, version));
    }
    for (const file of definition.files) {
      const fileExports = tryLoad(load, file.name);
      if (fileExports === undefined) continue;
      file.patch(fileExports, version);
      unpatches.push(() => file.unpatch(fileExports, version));
    }
  }
  return unpatches;
}

function tryLoad(load: ModuleLoader, id: string): unknown {
  try {
    return load(id);
  } catch {
    return undefined;
  }
}
