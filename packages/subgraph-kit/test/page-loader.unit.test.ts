import { cursorCodec, cursorField } from '../src/cursor';
import { createPageLoader, groupBy } from '../src/page-loader';

interface Row {
  id: string;
  userId: string;
  createdAt: Date;
}

interface Position {
  createdAt: Date;
  id: string;
}

const codec = cursorCodec(cursorField.timestamp(), cursorField.uuid());
const cursor = {
  encode: (position: Position): string => codec.encode([position.createdAt, position.id]),
};

const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const AFTER: Position = { createdAt: new Date('2026-01-02T03:04:05.678Z'), id: uuid(999) };

/** A page loader over `rows`, recording each `pages` call it makes. */
function loaderOver(rows: readonly Row[]) {
  const calls: { ownerIds: readonly string[]; limit: number; after: Position | null }[] = [];
  const loader = createPageLoader({
    owner: 'userId',
    pages: (ownerIds: readonly string[], limit: number, after: Position | null) => {
      calls.push({ ownerIds, limit, after });
      return Promise.resolve(rows.filter((row) => ownerIds.includes(row.userId)));
    },
    cursor,
  });
  return { loader, calls };
}

const row = (n: number, userId: string): Row => ({ id: uuid(n), userId, createdAt: new Date(Date.UTC(2026, 0, n)) });

describe('groupBy', () => {
  it('keeps groups in order of first appearance and items in their own order', () => {
    const groups = groupBy(['a1', 'b1', 'a2', 'c1', 'b2'], (item) => item.charAt(0));
    expect([...groups.entries()]).toEqual([
      ['a', ['a1', 'a2']],
      ['b', ['b1', 'b2']],
      ['c', ['c1']],
    ]);
  });

  it('reads the key of each of many items once', () => {
    const items = Array.from({ length: 10_000 }, (_, n) => n);
    const keyOf = jest.fn((n: number) => String(n % 100));
    const groups = groupBy(items, keyOf);
    expect(keyOf).toHaveBeenCalledTimes(items.length);
    expect(groups.size).toBe(100);
    expect(groups.get('7')).toHaveLength(100);
  });
});

describe('createPageLoader', () => {
  it("answers each key with its owner's rows, and an owner without rows with an empty page", async () => {
    const rows = [row(3, 'ann'), row(2, 'ann'), row(1, 'bob')];
    const { loader } = loaderOver(rows);
    const [ann, bob, cid] = await Promise.all(
      ['ann', 'bob', 'cid'].map((userId) => loader.load({ userId, limit: 3, after: null })),
    );
    expect(ann).toEqual([rows[0], rows[1]]);
    expect(bob).toEqual([rows[2]]);
    expect(cid).toEqual([]);
  });

  it('makes one call per distinct page size and cursor, each for the distinct owners asking', async () => {
    const { loader, calls } = loaderOver([]);
    await Promise.all([
      loader.load({ userId: 'ann', limit: 3, after: null }),
      loader.load({ userId: 'bob', limit: 3, after: null }),
      loader.load({ userId: 'bob', limit: 3, after: AFTER }),
      loader.load({ userId: 'ann', limit: 6, after: null }),
      loader.load({ userId: 'cid', limit: 3, after: { ...AFTER } }),
    ]);
    expect(calls).toEqual([
      { ownerIds: ['ann', 'bob'], limit: 3, after: null },
      { ownerIds: ['bob', 'cid'], limit: 3, after: AFTER },
      { ownerIds: ['ann'], limit: 6, after: null },
    ]);
  });

  it('reads an equal key once within a request', async () => {
    const { loader, calls } = loaderOver([row(1, 'ann')]);
    const first = await loader.load({ userId: 'ann', limit: 3, after: { ...AFTER } });
    const again = await loader.load({ userId: 'ann', limit: 3, after: { ...AFTER } });
    expect(again).toBe(first);
    expect(calls).toHaveLength(1);
  });

  it("splits the rows of many owners in one pass, reading each row's owner once", async () => {
    const owners = Array.from({ length: 1_000 }, (_, n) => `user-${n}`);
    let ownerReads = 0;
    const rows = owners.flatMap((userId, n) =>
      [2 * n, 2 * n + 1].map((m) => {
        const plain = row(m, userId);
        return {
          id: plain.id,
          createdAt: plain.createdAt,
          get userId() {
            ownerReads += 1;
            return userId;
          },
        };
      }),
    );
    const loader = createPageLoader({
      owner: 'userId',
      pages: () => Promise.resolve(rows),
      cursor,
    });
    const pages = await loader.loadMany(owners.map((userId) => ({ userId, limit: 2, after: null })));
    expect(pages.every((page) => Array.isArray(page) && page.length === 2)).toBe(true);
    expect(ownerReads).toBe(rows.length);
  });
});
