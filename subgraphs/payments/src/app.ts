import path from 'node:path';
import { outboxMetrics, postgresOutboxBacklog } from '@agora/events';
import { createSubgraphServer, readSchema, type SubgraphService } from '@agora/subgraph-kit';
import type { Resolvers } from './__generated__/resolvers-types';
import { SimulatedCardProcessor, type CardProcessor } from './card-processor';
import { DEFAULT_PROCESSOR_TIMEOUT_MS } from './config';
import { contextFactory, type Context } from './context';
import { connectPaymentsDb, type PaymentsDb } from './db';
import { PaymentStatusCounter } from './payment-metrics';
import { resolvers } from './resolvers';

const typeDefs = readSchema(path.join(__dirname, '..'));

export interface PaymentsServiceOptions {
  databaseUrl: string;
  /** The card processor; the simulated one (test-card convention) unless a real provider is given. */
  processor?: CardProcessor;
  /** How long to wait for each processor call (default 3000 ms). */
  processorTimeoutMs?: number;
}

export type PaymentsService = SubgraphService<Context> & {
  db: PaymentsDb;
  processor: CardProcessor;
};

/** The payments subgraph over its database and a card processor, ready to serve or to test in-process. */
export function createPaymentsService(options: PaymentsServiceOptions): PaymentsService {
  const db = connectPaymentsDb(options.databaseUrl);
  const processor = options.processor ?? new SimulatedCardProcessor();
  const statuses = new PaymentStatusCounter();
  return {
    name: 'payments',
    server: createSubgraphServer<Context, Resolvers>({ typeDefs, resolvers }),
    createContext: contextFactory(db, processor, options.processorTimeoutMs ?? DEFAULT_PROCESSOR_TIMEOUT_MS, statuses),
    isReady: db.ping,
    pool: db.pool,
    metrics: [statuses.counter, ...outboxMetrics(postgresOutboxBacklog(db.db))],
    queries: db.queries,
    // Events wait in the outbox; boot (index.ts) starts the relay that publishes them.
    close: db.close,
    db,
    processor,
  };
}
