import type { ApolloServer } from '@apollo/server';
import type express from 'express';
import type { IdentitySigner } from './identity-signer';
import type { Metric, PoolUsage } from './metrics';
import type { BaseContext } from './server';

/** Counts operations a subgraph sends to its store (SQL statements, collection calls). */
export interface StoreCounter {
  count: number;
  reset(): void;
}

/**
 * A subgraph with its store connected, ready to be served on a port (`runSubgraph`)
 * or in-process by tests. Every subgraph's `createXService` returns one.
 */
export interface SubgraphService<TContext extends BaseContext> {
  name: string;
  server: ApolloServer<TContext>;
  createContext: (base: BaseContext) => TContext | Promise<TContext>;
  /** A subgraph that calls others: the signer of its calls (its JWKS is served, see ServeOptions). */
  signer?: IdentitySigner;
  /** Extra HTTP routes (for example a JWKS document). */
  routes?: (app: express.Express) => void;
  isReady: () => Promise<boolean>;
  /** The database pool, for the pool gauges on /metrics (a subgraph on PostgreSQL). */
  pool?: PoolUsage;
  /** Its own metrics for /metrics (business, events), created with `registers: []`. */
  metrics?: Metric[];
  /** Store operations since the last reset. */
  queries: StoreCounter;
  /** Releases the store. */
  close: () => Promise<void>;
  /**
   * Brings the background work up to date with the store now: each outbox relay
   * publishes everything waiting (tests: a seed's events go out before anyone
   * subscribes). Absent without background work.
   */
  catchUp?: () => Promise<void>;
}

/** A reference to an entity another subgraph owns: its key (the owner resolves the rest). */
export interface EntityRef<TTypename extends string> {
  __typename?: TTypename;
  id: string;
}
