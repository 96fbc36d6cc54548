import { startInMemoryTelemetry } from '@agora/telemetry';

/**
 * The spans of an e2e test file that imports this module first, before the stack. Jest
 * loads modules through its own registry, past the SDK's require hook, so jest's
 * `require` is handed over for the instrumentations to patch the modules it loads
 * (http, express, graphql, pg, amqplib), the same instances the services then use.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest's own require, for the instrumentations
export const tracing = startInMemoryTelemetry('agora-e2e', (id) => require(id));
