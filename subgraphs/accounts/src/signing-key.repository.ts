import type { Executor } from '@agora/postgres';
import { desc, eq } from 'drizzle-orm';
import type { schema } from './db';
import { signingKeys, type SigningKeyRow } from './db/schema';

export type NewSigningKey = Pick<SigningKeyRow, 'kid' | 'privateJwk' | 'publicJwk'>;

/** Access-token signing keys; data access only. */
export class SigningKeyRepository {
  constructor(private readonly db: Executor<typeof schema>) {}

  async active(): Promise<SigningKeyRow | undefined> {
    const [row] = await this.db.select().from(signingKeys).where(eq(signingKeys.active, true));
    return row;
  }

  /** Inserts `key` as the active key unless another is already active (then nothing happens). */
  async insertIfNoneActive(key: NewSigningKey): Promise<void> {
    await this.db
      .insert(signingKeys)
      .values({ ...key, active: true })
      .onConflictDoNothing();
  }

  /** Every key whose tokens may still be in use, newest first (what the JWKS publishes). */
  async publicKeys(): Promise<Pick<SigningKeyRow, 'kid' | 'publicJwk'>[]> {
    return this.db
      .select({ kid: signingKeys.kid, publicJwk: signingKeys.publicJwk })
      .from(signingKeys)
      .orderBy(desc(signingKeys.createdAt));
  }
}
