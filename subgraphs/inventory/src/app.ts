import path from 'node:path';
import { createLogger, createSubgraphServer, readSchema, type Logger, type SubgraphService } from '@agora/subgraph-kit';
import type { Resolvers } from './__generated__/resolvers-types';
import { contextFactory, type Context } from './context';
import { connectInventoryDb } from './db';
import { startExpirySweep } from './expiry-sweep';
import type { ProductCatalog } from './product-catalog';
import { ReservationRepository } from './reservation.repository';
import { ReservationService } from './reservation.service';
import { resolvers } from './resolvers';

const typeDefs = readSchema(path.join(__dirname, '..'));

export interface InventoryServiceOptions {
  databaseUrl: string;
  /** Which products exist (the catalog subgraph): stock is set only for those. */
  catalog: ProductCatalog;
  /** Releases expired reservations this often; without it nothing sweeps (tests sweep by hand). */
  reservationSweepIntervalMs?: number;
  logger?: Logger;
}

/** The inventory subgraph over its database, ready to serve or to test in-process. */
export function createInventoryService(options: InventoryServiceOptions): SubgraphService<Context> & {
  db: ReturnType<typeof connectInventoryDb>;
  reservations: ReservationService;
} {
  const db = connectInventoryDb(options.databaseUrl);
  const reservations = new ReservationService(new ReservationRepository(db.db));
  const stopSweep =
    options.reservationSweepIntervalMs === undefined
      ? () => Promise.resolve()
      : startExpirySweep(reservations, options.reservationSweepIntervalMs, options.logger ?? createLogger('inventory'));
  return {
    name: 'inventory',
    server: createSubgraphServer<Context, Resolvers>({ typeDefs, resolvers }),
    createContext: contextFactory(db, reservations, options.catalog),
    isReady: db.ping,
    pool: db.pool,
    queries: db.queries,
    close: async () => {
      // A sweep in progress still needs the database.
      await stopSweep();
      await db.close();
    },
    db,
    reservations,
  };
}
