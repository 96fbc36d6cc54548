import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';
import type { NewSigningKey, SigningKeyRepository } from './signing-key.repository';

export const SIGNING_ALGORITHM = 'ES256';

/** The key access tokens are signed with now. */
export interface SigningKey {
  kid: string;
  privateKey: KeyLike | Uint8Array;
  publicJwk: JWK;
}

/** A fresh ES256 key pair, as JWKs named by the public key's thumbprint. */
async function generateSigningKey(): Promise<NewSigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    kid,
    publicJwk: { ...publicJwk, kid, alg: SIGNING_ALGORITHM, use: 'sig' },
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: SIGNING_ALGORITHM, use: 'sig' },
  };
}

/**
 * The service's signing keys, kept in the database so every instance (and every
 * restart) signs with the same key and the router's cached JWKS stays valid.
 */
export class SigningKeys {
  private activeKey: Promise<SigningKey> | undefined;

  constructor(private readonly repository: SigningKeyRepository) {}

  /** The active key, created on first use when the database has none; loaded once per process. */
  active(): Promise<SigningKey> {
    this.activeKey ??= this.loadOrCreate().catch((error: unknown) => {
      // A failed load (database down) must not stick: the next call tries again.
      this.activeKey = undefined;
      throw error;
    });
    return this.activeKey;
  }

  /** The JWKS document: every published public key. */
  async jwks(): Promise<{ keys: JWK[] }> {
    await this.active();
    const rows = await this.repository.publicKeys();
    return { keys: rows.map((row) => row.publicJwk) };
  }

  private async loadOrCreate(): Promise<SigningKey> {
    let row = await this.repository.active();
    if (!row) {
      // Instances starting together may each generate a key; the partial unique index
      // keeps exactly one, and everyone re-reads the one that won.
      await this.repository.insertIfNoneActive(await generateSigningKey());
      row = await this.repository.active();
      if (!row) throw new Error('no active signing key after creating one');
    }
    return {
      kid: row.kid,
      privateKey: await importJWK(row.privateJwk, SIGNING_ALGORITHM),
      publicJwk: row.publicJwk,
    };
  }
}
