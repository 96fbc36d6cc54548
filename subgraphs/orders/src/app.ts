import path from 'node:path';
import { createSubgraphServer, readSchema, type SubgraphService } from '@agora/subgraph-kit';
import type { CheckoutPorts } from './checkout/ports';
import { CheckoutSaga } from './checkout/saga';
import { contextFactory, type Context } from './context';
import { connectOrdersDb, type OrdersDb } from './db';
import { eventsNotRecordedYet, type OrderEventRecorder } from './order-events';
import { OrderService } from './order.service';
import { OrdersRepository } from './orders.repository';
import { resolvers } from './resolvers';

export const typeDefs = readSchema(path.join(__dirname, '..'));

export interface OrdersServiceOptions {
  databaseUrl: string;
  /** The other services checkout talks to (src/clients/ over the real subgraphs). */
  ports: CheckoutPorts;
  /** How long inventory holds a checkout's stock (default 900 s). */
  reservationTtlSeconds?: number;
  /** How long a retried checkout waits for its concurrent twin (default 15 s). */
  settleTimeoutMs?: number;
  /** Where order events go, inside the status-change transactions (the outbox, once it lands). */
  events?: OrderEventRecorder;
}

export type OrdersService = SubgraphService<Context> & {
  db: OrdersDb;
  repository: OrdersRepository;
  checkout: CheckoutSaga;
};

/** The orders subgraph over its database and ports, ready to serve or to test in-process. */
export function createOrdersService(options: OrdersServiceOptions): OrdersService {
  const db = connectOrdersDb(options.databaseUrl);
  const repository = new OrdersRepository(db.db, options.events ?? eventsNotRecordedYet);
  const checkout = new CheckoutSaga({
    orders: repository,
    ports: options.ports,
    reservationTtlSeconds: options.reservationTtlSeconds ?? 900,
    settleTimeoutMs: options.settleTimeoutMs,
  });
  const orders = new OrderService(repository, options.ports);
  return {
    name: 'orders',
    server: createSubgraphServer<Context>({ typeDefs, resolvers }),
    createContext: contextFactory(repository, checkout, orders),
    isReady: db.ping,
    queries: db.queries,
    close: db.close,
    db,
    repository,
    checkout,
  };
}
