import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id (the library's default algorithm) with its defaults, which are OWASP's
 * minimum: 19 MiB of memory, 2 passes, 1 lane. Slow by design. Called through this
 * object so tests can count hashes and verifications (the native exports are frozen).
 */
export const argon2id = {
  hash: (password: string): Promise<string> => hash(password),
  verify: (passwordHash: string, password: string): Promise<boolean> => verify(passwordHash, password),
};

export function hashPassword(password: string): Promise<string> {
  return argon2id.hash(password);
}

/** False for a wrong password and for a hash the library cannot read. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await argon2id.verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A hash of a password nobody knows, made once per process with the same parameters.
let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of a real verification and answers false. Log-in calls it for an
 * unknown e-mail so response times do not reveal which addresses have accounts.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(32).toString('base64url'));
  await verifyPassword(await dummyHash, password);
  return false;
}
