import { createTestDatabase, type TestDatabase } from '@agora/testing';
import { sql } from 'drizzle-orm';
import { integer, pgTable } from 'drizzle-orm/pg-core';
import { connectPostgres, inTransaction, type Executor, type Postgres } from '../src';

const marks = pgTable('marks', { value: integer('value').notNull() });
const schema = { marks };

let database: TestDatabase;
let pg: Postgres<typeof schema>;

beforeAll(async () => {
  database = await createTestDatabase('postgres_executor');
  pg = connectPostgres(database.url, schema);
  await pg.db.execute(sql`create table marks (value integer not null)`);
});

afterAll(async () => {
  await pg.close();
  await database.drop();
});

beforeEach(async () => {
  await pg.db.delete(marks);
});

async function storedValues(): Promise<number[]> {
  const rows = await pg.db.select().from(marks).orderBy(marks.value);
  return rows.map((row) => row.value);
}

function transactionId(executor: Executor<typeof schema>): Promise<string> {
  return executor
    .execute<{ id: string }>(sql`select txid_current()::text as id`)
    .then((result) => result.rows[0]?.id ?? '');
}

describe('inTransaction', () => {
  it('commits what the work wrote and answers what it returned', async () => {
    const answer = await inTransaction(pg.db, async (tx) => {
      await tx.insert(marks).values([{ value: 1 }, { value: 2 }]);
      return 'done';
    });
    expect(answer).toBe('done');
    expect(await storedValues()).toEqual([1, 2]);
  });

  it('rolls every write back when the work throws, and rethrows the error', async () => {
    await expect(
      inTransaction(pg.db, async (tx) => {
        await tx.insert(marks).values({ value: 1 });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await storedValues()).toEqual([]);
  });

  it('joins a transaction it is given instead of opening a second one', async () => {
    const ids = await inTransaction(pg.db, async (outer) => {
      const inner = await inTransaction(outer, (tx) => transactionId(tx));
      return { outer: await transactionId(outer), inner };
    });
    expect(ids.inner).toBe(ids.outer);
  });

  it('rolls a joined transaction back with the outer one', async () => {
    await expect(
      inTransaction(pg.db, async (outer) => {
        await inTransaction(outer, (tx) => tx.insert(marks).values({ value: 1 }));
        throw new Error('outer refused');
      }),
    ).rejects.toThrow('outer refused');
    expect(await storedValues()).toEqual([]);
  });

  it('opens one transaction per call on the database', async () => {
    const first = await inTransaction(pg.db, (tx) => transactionId(tx));
    const second = await inTransaction(pg.db, (tx) => transactionId(tx));
    expect(second).not.toBe(first);
  });
});
