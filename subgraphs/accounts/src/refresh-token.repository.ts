import type { Executor } from '@agora/postgres';
import { and, eq, gte, isNotNull, isNull, sql } from 'drizzle-orm';
import type { schema } from './db';
import { refreshTokens, type RefreshTokenRow } from './db/schema';

export interface NewRefreshToken {
  userId: string;
  familyId: string;
  tokenHash: string;
  expiresAt: Date;
}

/** Stored refresh tokens (hashes only); data access only. */
export class RefreshTokenRepository {
  constructor(private readonly db: Executor<typeof schema>) {}

  async insert(token: NewRefreshToken): Promise<RefreshTokenRow> {
    const [inserted] = await this.db.insert(refreshTokens).values(token).returning();
    if (!inserted) throw new Error('insert returned no refresh token');
    return inserted;
  }

  /** The token with this hash, locked until the transaction ends so it is rotated once. */
  async byHashForUpdate(tokenHash: string): Promise<RefreshTokenRow | undefined> {
    const [row] = await this.db
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, tokenHash))
      .for('update');
    return row;
  }

  async byHash(tokenHash: string): Promise<RefreshTokenRow | undefined> {
    const [row] = await this.db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash));
    return row;
  }

  /** Revokes one token, recording the token that replaced it. */
  async markReplaced(id: string, replacedById: string): Promise<void> {
    await this.db
      .update(refreshTokens)
      .set({ revokedAt: sql`now()`, replacedById })
      .where(eq(refreshTokens.id, id));
  }

  /** Revokes every live token of a family; returns how many were still live. */
  async revokeFamily(familyId: string): Promise<number> {
    const revoked = await this.db
      .update(refreshTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)))
      .returning({ id: refreshTokens.id });
    return revoked.length;
  }

  /**
   * The families (session ids) with a token revoked without a successor (log-out or
   * family revoked) at or after `since`, each once; served by
   * refresh_tokens_session_revoked_idx.
   */
  async sessionsRevokedSince(since: Date): Promise<string[]> {
    const rows = await this.db
      .selectDistinct({ familyId: refreshTokens.familyId })
      .from(refreshTokens)
      .where(
        and(
          isNull(refreshTokens.replacedById),
          isNotNull(refreshTokens.revokedAt),
          gte(refreshTokens.revokedAt, since),
        ),
      );
    return rows.map((row) => row.familyId);
  }

  /** The database's clock: revocation times are its `now()`. */
  async databaseTime(): Promise<Date> {
    const result = await this.db.execute<{ now: Date | string }>(sql`select now() as now`);
    const row = result.rows[0];
    if (!row) throw new Error('select now() returned no row');
    return new Date(row.now);
  }
}
