import { is, type ExtractTablesWithRelations } from 'drizzle-orm';
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import { PgTransaction, type PgDatabase } from 'drizzle-orm/pg-core';

/**
 * What statements run on: a service's drizzle database (`Postgres#db`) or a
 * transaction open on it. Repositories, consumer handlers and the outbox relay take
 * an `Executor<typeof schema>` (their own schema; no per-subgraph alias) and work the
 * same over either, so code that reads or writes never needs to know whether it is
 * inside a transaction.
 */
export type Executor<TSchema extends Record<string, unknown>> = PgDatabase<
  NodePgQueryResultHKT,
  TSchema,
  ExtractTablesWithRelations<TSchema>
>;

/**
 * Runs `work` in one transaction on `executor`: committed when `work` resolves,
 * rolled back when it throws (the error is rethrown). Given an executor that is
 * already a transaction, `work` joins it instead of opening a second one (no
 * savepoint): its statements commit or roll back with the outer transaction.
 *
 * The one way to open a transaction, and the rule for who opens it:
 * - a service method whose steps must be atomic opens it, through its repository's
 *   `transaction(work)` (which hands `work` the repository bound to the transaction),
 *   or with `inTransaction` itself when the steps span several repositories;
 * - a repository method opens one only for its own self-contained group of statements
 *   (a row with its lines, a change with its outbox event), never around work of its
 *   caller's;
 * - `idempotentHandler` opens one per event and passes it to the handler, and the
 *   outbox relay one per batch; the code they call takes the transaction as an
 *   `Executor` and does not open its own.
 */
export function inTransaction<TSchema extends Record<string, unknown>, T>(
  executor: Executor<TSchema>,
  work: (tx: Executor<TSchema>) => Promise<T>,
): Promise<T> {
  if (is(executor, PgTransaction)) return work(executor);
  return executor.transaction((tx) => work(tx));
}
