import { isUuid, type Executor } from '@agora/postgres';
import { eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { schema } from './db';
import { users, type UserRow } from './db/schema';

/** A user as everything but log-in sees it: never with the password hash. */
export type UserRecord = Omit<UserRow, 'passwordHash'>;

export interface NewUser {
  id?: string;
  email: string;
  name: string;
  passwordHash: string;
  roles?: string[];
}

const { passwordHash: _passwordHash, ...publicColumns } = getTableColumns(users);

/** Users; data access only. */
export class UserRepository {
  constructor(private readonly db: Executor<typeof schema>) {}

  /** The users with these ids, in one query (unknown ids are simply missing). */
  async byIds(ids: readonly string[]): Promise<UserRecord[]> {
    const valid = ids.filter((id) => isUuid(id));
    if (valid.length === 0) return [];
    return this.db.select(publicColumns).from(users).where(inArray(users.id, valid));
  }

  async byId(id: string): Promise<UserRecord | undefined> {
    const [user] = await this.byIds([id]);
    return user;
  }

  /** The user with this e-mail in any case, with the password hash (log-in only). */
  async credentialsByEmail(email: string): Promise<UserRow | undefined> {
    const [user] = await this.db
      .select()
      .from(users)
      .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
    return user;
  }

  async emailTaken(email: string): Promise<boolean> {
    const [found] = await this.db
      .select({ id: users.id })
      .from(users)
      .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
    return found !== undefined;
  }

  /** Inserts a user; a taken e-mail fails with the unique violation on USERS_EMAIL_UNIQUE. */
  async insert(user: NewUser): Promise<UserRecord> {
    const [inserted] = await this.db.insert(users).values(user).returning(publicColumns);
    if (!inserted) throw new Error('insert returned no user');
    return inserted;
  }

  /** Inserts the users that do not exist yet (same id or e-mail); returns how many were added. */
  async insertMissing(newUsers: readonly NewUser[]): Promise<number> {
    if (newUsers.length === 0) return 0;
    const inserted = await this.db
      .insert(users)
      .values([...newUsers])
      .onConflictDoNothing()
      .returning({ id: users.id });
    return inserted.length;
  }

  async count(): Promise<number> {
    const [row] = await this.db.select({ count: sql<number>`count(*)::int` }).from(users);
    return row?.count ?? 0;
  }
}
