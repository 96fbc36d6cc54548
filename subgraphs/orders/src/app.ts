import path from 'node:path';
import { outboxMetrics, postgresOutboxBacklog } from '@agora/events';
import { createSubgraphServer, PollLoop, readSchema, type Logger, type SubgraphService } from '@agora/subgraph-kit';
import type { Resolvers } from './__generated__/resolvers-types';
import type { CheckoutPorts } from './checkout/ports';
import { recoverCheckouts, type RecoveryOptions, type RecoveryOutcome } from './checkout/recovery';
import { CheckoutOutcomes } from './checkout/outcomes';
import { CheckoutSaga } from './checkout/saga';
import { contextFactory, type Context } from './context';
import { connectOrdersDb, type OrdersDb } from './db';
import { outboxOrderEvents, type OrderEventRecorder } from './order-events';
import { OrderService } from './order.service';
import { OrderRepository } from './order.repository';
import { resolvers } from './resolvers';

const typeDefs = readSchema(path.join(__dirname, '..'));

export interface OrdersServiceOptions {
  databaseUrl: string;
  /** The other services checkout talks to (src/clients/ over the real subgraphs). */
  ports: CheckoutPorts;
  /** How long inventory holds a checkout's stock (default 900 s). */
  reservationTtlSeconds?: number;
  /**
   * How long the cart stays locked for a checkout that never lets go of it (default
   * 900 s): longer than the recovery sweep takes to settle a stalled checkout.
   */
  cartLockTtlSeconds?: number;
  /** How long a retried checkout waits for its concurrent twin (default 15 s). */
  settleTimeoutMs?: number;
  /** Where order events go, inside the status-change transactions (default: the orders outbox). */
  events?: OrderEventRecorder;
  /** Finishes checkouts that stopped half-way, every `intervalMs` (index.ts asks for it; tests call recover). */
  recovery?: { intervalMs: number; stalledAfterMs: number; log: Logger };
}

export type OrdersService = SubgraphService<Context> & {
  db: OrdersDb;
  repository: OrderRepository;
  checkout: CheckoutSaga;
  /** One recovery pass (see recoverCheckouts). */
  recover: (options: Omit<RecoveryOptions, 'orders' | 'ports'>, now?: Date) => Promise<RecoveryOutcome>;
};

/** The orders subgraph over its database and ports, ready to serve or to test in-process. */
export function createOrdersService(options: OrdersServiceOptions): OrdersService {
  const db = connectOrdersDb(options.databaseUrl);
  const repository = new OrderRepository(db.db, options.events ?? outboxOrderEvents);
  const outcomes = new CheckoutOutcomes();
  const checkout = new CheckoutSaga({
    orders: repository,
    ports: options.ports,
    reservationTtlSeconds: options.reservationTtlSeconds ?? 900,
    cartLockTtlSeconds: options.cartLockTtlSeconds ?? 900,
    settleTimeoutMs: options.settleTimeoutMs,
    outcomes,
  });
  const orders = new OrderService(repository, options.ports);
  const recover: OrdersService['recover'] = (recovery, now) =>
    recoverCheckouts({ ...recovery, orders: repository, ports: options.ports, outcomes }, now);
  const stopRecovery = options.recovery ? startRecovery(recover, options.recovery) : () => Promise.resolve();
  return {
    name: 'orders',
    server: createSubgraphServer<Context, Resolvers>({ typeDefs, resolvers }),
    createContext: contextFactory(repository, checkout, orders),
    isReady: db.ping,
    pool: db.pool,
    metrics: [outcomes.counter, ...outboxMetrics(postgresOutboxBacklog(db.db))],
    queries: db.queries,
    // Events wait in the outbox; boot (index.ts) starts the relay that publishes them.
    close: async () => {
      // A recovery pass in progress still needs the database.
      await stopRecovery();
      await db.close();
    },
    db,
    repository,
    checkout,
    recover,
  };
}

/** Runs a recovery pass every `intervalMs` (never two at once); returns the stop function. */
function startRecovery(
  recover: OrdersService['recover'],
  options: NonNullable<OrdersServiceOptions['recovery']>,
): () => Promise<void> {
  const loop = new PollLoop(
    () => recover(options),
    (err) => options.log.error({ err }, 'checkout recovery failed'),
  );
  loop.start(options.intervalMs, { delayFirst: true });
  return () => loop.stop();
}
