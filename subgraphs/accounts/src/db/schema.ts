import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { JWK } from 'jose';

export const USERS_EMAIL_UNIQUE = 'users_email_lower_unique';

/** Accounts. The e-mail is stored as given; uniqueness and look-ups ignore its case. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    roles: text('roles')
      .array()
      .notNull()
      .default(sql`'{customer}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex(USERS_EMAIL_UNIQUE).on(sql`lower(${table.email})`)],
);

/**
 * Refresh tokens, stored as the SHA-256 of the token only. A family is every token
 * descended from one log-in: rotation keeps the family, reuse revokes all of it.
 * The family id is the session id (`sid`) of the access tokens issued with it; a token
 * revoked without a successor (log-out, family revoked) is its session's revocation,
 * found by time through `refresh_tokens_session_revoked_idx`.
 */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull().unique('refresh_tokens_token_hash_unique'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    replacedById: uuid('replaced_by_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('refresh_tokens_family_idx').on(table.familyId),
    index('refresh_tokens_user_idx').on(table.userId),
    index('refresh_tokens_session_revoked_idx')
      .on(table.revokedAt)
      .where(sql`${table.replacedById} is null and ${table.revokedAt} is not null`),
  ],
);

/**
 * The keys access tokens are signed with. At most one is active (the partial
 * unique index), so services starting together agree on one key; inactive keys
 * stay published in the JWKS until the tokens they signed have expired.
 */
export const signingKeys = pgTable(
  'signing_keys',
  {
    kid: text('kid').primaryKey(),
    privateJwk: jsonb('private_jwk').$type<JWK>().notNull(),
    publicJwk: jsonb('public_jwk').$type<JWK>().notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('signing_keys_one_active')
      .on(table.active)
      .where(sql`${table.active}`),
  ],
);

export type UserRow = typeof users.$inferSelect;
export type RefreshTokenRow = typeof refreshTokens.$inferSelect;
export type SigningKeyRow = typeof signingKeys.$inferSelect;
