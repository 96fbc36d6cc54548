import path from 'node:path';
import { OutboxRelay, type Publisher } from '@agora/events';
import { createSubgraphServer, readSchema, type SubgraphService } from '@agora/subgraph-kit';
import type { Resolvers } from './__generated__/resolvers-types';
import { SimulatedCardProcessor, type CardProcessor } from './card-processor';
import { DEFAULT_PROCESSOR_TIMEOUT_MS } from './config';
import { contextFactory, type Context } from './context';
import { connectPaymentsDb, type PaymentsDb, type schema } from './db';
import { resolvers } from './resolvers';

const typeDefs = readSchema(path.join(__dirname, '..'));

export interface PaymentsServiceOptions {
  databaseUrl: string;
  /** The card processor; the simulated one (test-card convention) unless a real provider is given. */
  processor?: CardProcessor;
  /** How long to wait for each processor call (default 3000 ms). */
  processorTimeoutMs?: number;
  /**
   * Relays the outbox to this publisher every `intervalMs` until close. Only the
   * process entry point (index.ts) and tests about delivery ask for it; without it
   * events wait in the outbox.
   */
  relay?: { publisher: Publisher; intervalMs: number; onError?: (error: Error) => void };
}

export type PaymentsService = SubgraphService<Context> & {
  db: PaymentsDb;
  processor: CardProcessor;
  /** The running outbox relay, when `relay` was given. */
  relay: OutboxRelay<typeof schema> | null;
};

/** The payments subgraph over its database and a card processor, ready to serve or to test in-process. */
export function createPaymentsService(options: PaymentsServiceOptions): PaymentsService {
  const db = connectPaymentsDb(options.databaseUrl);
  const processor = options.processor ?? new SimulatedCardProcessor();
  const relay = options.relay ? startRelay(db, options.relay) : null;
  return {
    name: 'payments',
    server: createSubgraphServer<Context, Resolvers>({ typeDefs, resolvers }),
    createContext: contextFactory(db, processor, options.processorTimeoutMs ?? DEFAULT_PROCESSOR_TIMEOUT_MS),
    isReady: db.ping,
    queries: db.queries,
    close: async () => {
      // The relay's pass in progress still needs the database.
      await relay?.stop();
      await db.close();
    },
    db,
    processor,
    relay,
  };
}

function startRelay(db: PaymentsDb, options: NonNullable<PaymentsServiceOptions['relay']>): OutboxRelay<typeof schema> {
  const relay = new OutboxRelay({ db: db.db, publisher: options.publisher, onError: options.onError });
  relay.start(options.intervalMs);
  return relay;
}
