import type { Executor } from '@agora/postgres';
import type { schema } from './db';
import { RefreshTokenRepository } from './refresh-token.repository';

/**
 * How far behind the database's clock `nextSince` stays. A revocation's time is the
 * `now()` of its transaction, i.e. when it began; one that commits after an answer was
 * read may carry a time before that answer's clock. Asking again from a margin back
 * sees it; a session answered twice costs nothing.
 */
export const LATE_COMMIT_MARGIN_MS = 30_000;

/** The sessions revoked since a time, and where to ask from next. */
export interface SessionRevocationPage {
  /** Session ids (refresh-token family ids, the `sid` of access tokens), each once. */
  sessionIds: string[];
  /** The `since` of the next question: the database's clock less LATE_COMMIT_MARGIN_MS. */
  nextSince: Date;
}

/**
 * Which sessions were revoked (log-out, refresh-token reuse), for the router that
 * refuses their access tokens. Read from the refresh tokens themselves: a token revoked
 * without a successor is its session's revocation, so no second record can disagree.
 */
export class SessionRevocations {
  constructor(private readonly db: Executor<typeof schema>) {}

  async since(since: Date): Promise<SessionRevocationPage> {
    const tokens = new RefreshTokenRepository(this.db);
    // The clock first: a revocation between the two reads is answered now and again next time.
    const now = await tokens.databaseTime();
    const sessionIds = await tokens.sessionsRevokedSince(since);
    return { sessionIds, nextSince: new Date(now.getTime() - LATE_COMMIT_MARGIN_MS) };
  }
}
