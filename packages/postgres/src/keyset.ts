import { and, desc, eq, getTableColumns, inArray, lte, sql, type InferSelectModel } from 'drizzle-orm';
import type { PgColumn, PgDatabase, PgQueryResultHKT, PgTable } from 'drizzle-orm/pg-core';
import { cursorCodec, cursorField } from '@agora/subgraph-kit';

/** Where a newest-first page stopped: the last row's creation time and id. */
export interface KeysetPosition {
  createdAt: Date;
  id: string;
}

const newestFirst = cursorCodec(cursorField.timestamp(), cursorField.uuid());

/**
 * The cursor of a row in a newest-first page (see newestPerOwner): its creation time
 * (ISO-8601) and uuid id. `decode` answers BAD_USER_INPUT `<field>: is not a valid
 * cursor` for anything else, so what reaches the query is a timestamp and a uuid
 * PostgreSQL accepts.
 */
export const newestFirstCursor = {
  encode: (row: KeysetPosition): string => newestFirst.encode([row.createdAt, row.id]),
  decode: (cursor: string, field = 'after'): KeysetPosition => {
    const [createdAt, id] = newestFirst.decode(cursor, field);
    return { createdAt, id };
  },
};

export interface OwnerColumns {
  /** The column pages are taken per (a product's reviews, a user's orders). */
  owner: PgColumn;
  createdAt: PgColumn;
  /** A uuid primary key (ties on createdAt are broken by it). */
  id: PgColumn;
}

/**
 * Up to `limit` rows per owner, newest first, strictly after `after`: one statement
 * for any number of owners (row_number per owner over the keyset-filtered rows), so
 * a list field's page costs the same for 5 owners as for 50. Rows come grouped by
 * owner.
 */
export async function newestPerOwner<TTable extends PgTable>(
  db: PgDatabase<PgQueryResultHKT, Record<string, unknown>>,
  table: TTable,
  columns: OwnerColumns,
  ownerIds: readonly string[],
  limit: number,
  after: KeysetPosition | null,
): Promise<InferSelectModel<TTable>[]> {
  if (ownerIds.length === 0 || limit === 0) return [];
  const { owner, createdAt, id } = columns;
  const ranked = db
    .select({
      rankedId: sql<string>`${id}`.as('ranked_id'),
      position: sql<number>`row_number() over (partition by ${owner} order by ${createdAt} desc, ${id} desc)`.as(
        'position',
      ),
    })
    .from(table as PgTable)
    .where(
      and(
        inArray(owner, [...ownerIds]),
        after
          ? sql`(${createdAt}, ${id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`
          : undefined,
      ),
    )
    .as('ranked');
  const rows = await db
    .select(getTableColumns(table as PgTable))
    .from(table as PgTable)
    .innerJoin(ranked, eq(id, ranked.rankedId))
    .where(lte(ranked.position, limit))
    .orderBy(owner, desc(createdAt), desc(id));
  return rows as InferSelectModel<TTable>[];
}
