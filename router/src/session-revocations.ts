import { accounts } from '@agora/contracts';
import { type IdentitySigner, type Logger, PollLoop, serviceCaller, SubgraphClient } from '@agora/subgraph-kit';

/** The name of the subgraph that issues access tokens and knows their sessions. */
export const ACCOUNTS_SUBGRAPH = 'accounts';

const ROUTER = serviceCaller('router');

export interface SessionRevocationSettings {
  /** Asks accounts for new revocations this often, in milliseconds (SESSION_REVOCATION_POLL_MS). */
  pollMs: number;
  /**
   * How long a revoked session is remembered after it was learnt, in milliseconds: the
   * longest lifetime of an access token (SESSION_REVOCATION_RETENTION_SECONDS), after
   * which every token of that session has expired anyway. At start the router also asks
   * for the revocations of this long back.
   */
  retentionMs: number;
  /** The router's signer (ROUTER_SIGNING_KEY): accounts verifies the router's calls against its JWKS. */
  signer: Promise<IdentitySigner>;
  /** How long one call to accounts may take, in milliseconds. */
  timeoutMs: number;
}

/**
 * The sessions (the `sid` claim of access tokens) revoked by a log-out or by
 * refresh-token reuse, learnt by asking accounts' internal `sessionRevocations` every
 * `pollMs`, so their access tokens are refused within a poll or two instead of at their
 * expiry. Accounts' URL is the routing URL the gateway uses for it (useAccountsUrl);
 * nothing is asked while the supergraph has no accounts. When accounts cannot be
 * reached the known sessions stay revoked, one warning is logged per outage,
 * `countFailure` counts each failed poll, and the router goes on serving.
 */
export class SessionRevocationWatch {
  /** Revoked session id -> when to forget it (ms since the epoch). */
  private readonly revoked = new Map<string, number>();
  private readonly loop: PollLoop;
  private client: { url: string; client: SubgraphClient } | undefined;
  private accountsUrl: string | undefined;
  /** The `since` of the next poll; the first asks from `retentionMs` back. */
  private since: string | undefined;
  private outage = false;

  constructor(
    private readonly settings: SessionRevocationSettings,
    private readonly logger: Logger,
    private readonly countFailure: () => void,
  ) {
    // poll() handles its own failures; anything else is a bug worth a log line, and the loop goes on.
    this.loop = new PollLoop(
      () => this.poll(),
      (err) => this.logPollBug(err),
    );
  }

  /** Where accounts answers GraphQL (from the supergraph, or SUBGRAPH_URL_ACCOUNTS). */
  useAccountsUrl(url: string): void {
    this.accountsUrl = url;
  }

  /** Whether the session `sessionId` was revoked (and its access tokens may not have expired yet). */
  isRevoked(sessionId: string): boolean {
    const forgetAt = this.revoked.get(sessionId);
    return forgetAt !== undefined && forgetAt > Date.now();
  }

  /** How many revoked sessions are remembered. */
  get size(): number {
    return this.revoked.size;
  }

  /**
   * Asks accounts once, so the sessions revoked before this router started are known
   * when the router's start resolves (a failure is counted and logged like any poll's,
   * never thrown), then every `pollMs`. Called once the router listens: accounts
   * verifies this call against the JWKS the router serves.
   */
  async start(): Promise<void> {
    await this.loop.runNow().catch((err: unknown) => this.logPollBug(err));
    this.loop.start(this.settings.pollMs, { delayFirst: true });
  }

  /** Stops polling and waits for a poll in progress. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  private logPollBug(err: unknown): void {
    this.logger.error({ err }, 'session revocation poll failed');
  }

  private async clientFor(url: string): Promise<SubgraphClient> {
    if (this.client?.url !== url) {
      const client = new SubgraphClient({
        url,
        name: ACCOUNTS_SUBGRAPH,
        signer: await this.settings.signer,
        timeoutMs: this.settings.timeoutMs,
      });
      this.client = { url, client };
    }
    return this.client.client;
  }

  private async poll(): Promise<void> {
    const url = this.accountsUrl;
    if (!url) return;
    const since = this.since ?? new Date(Date.now() - this.settings.retentionMs).toISOString();
    let page: { sessionIds: string[]; nextSince: string };
    try {
      const data = await (
        await this.clientFor(url)
      ).request(accounts.SessionRevocationsDocument, { since }, { caller: ROUTER });
      page = data.sessionRevocations;
    } catch (err) {
      this.countFailure();
      if (!this.outage) {
        this.outage = true;
        this.logger.warn(
          { err, known: this.revoked.size },
          'cannot learn session revocations from accounts; the known ones stay revoked',
        );
      }
      return;
    }
    if (this.outage) {
      this.outage = false;
      this.logger.info('learning session revocations from accounts again');
    }
    const now = Date.now();
    for (const [sessionId, forgetAt] of this.revoked) {
      if (forgetAt <= now) this.revoked.delete(sessionId);
    }
    for (const sessionId of page.sessionIds) this.revoked.set(sessionId, now + this.settings.retentionMs);
    this.since = page.nextSince;
  }
}
