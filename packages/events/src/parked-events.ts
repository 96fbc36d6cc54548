import { isUuid, type Executor } from '@agora/postgres';
import { and, asc, inArray, isNotNull, type SQL } from 'drizzle-orm';
import { outbox } from './outbox';

/** An outbox event the relay set aside because it could not be published, as an operator sees it. */
export interface ParkedEvent {
  id: string;
  type: string;
  version: number;
  occurredAt: Date;
  parkedAt: Date;
  /** Why it could not be published. */
  error: string | null;
  attempts: number;
  payload: unknown;
}

function parked(eventIds?: readonly string[]): SQL | undefined {
  // An id that is not a UUID names no event (and PostgreSQL would refuse to compare it).
  const ids = eventIds?.filter((id) => isUuid(id));
  return and(isNotNull(outbox.parkedAt), ids ? inArray(outbox.id, ids) : undefined);
}

/** The parked events of a service's outbox, oldest first. */
export async function listParkedEvents<TSchema extends Record<string, unknown>>(
  db: Executor<TSchema>,
): Promise<ParkedEvent[]> {
  const rows = await db.select().from(outbox).where(parked()).orderBy(asc(outbox.seq));
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    version: row.version,
    occurredAt: row.occurredAt,
    parkedAt: row.parkedAt ?? row.occurredAt,
    error: row.lastError,
    attempts: row.attempts,
    payload: row.payload,
  }));
}

/**
 * Puts parked events (those with the given ids, or all) back in the relay's queue,
 * at their original place in insertion order: the next pass publishes them, or
 * parks them again if nothing changed (the transport, a new schema version) that
 * lets them through. Returns how many were put back.
 */
export async function replayParkedEvents<TSchema extends Record<string, unknown>>(
  db: Executor<TSchema>,
  eventIds?: readonly string[],
): Promise<number> {
  if (eventIds && !eventIds.some((id) => isUuid(id))) return 0;
  const replayed = await db
    .update(outbox)
    .set({ parkedAt: null, lastError: null })
    .where(parked(eventIds))
    .returning({ id: outbox.id });
  return replayed.length;
}
