export interface WaitForOptions {
  /** Gives up after this long (default 15 000 ms). */
  timeoutMs?: number;
  /** Asks again this long after an answer (default 25 ms). */
  intervalMs?: number;
}

/**
 * Asks `condition` until it answers something truthy (events arrive asynchronously,
 * a background pass runs later) and returns that answer; throws after `timeoutMs`.
 * The one poll-until of the tests: no sleeps of a guessed length.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  { timeoutMs = 15_000, intervalMs = 25 }: WaitForOptions = {},
): Promise<Exclude<T, false | null | undefined | 0 | ''>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await condition();
    if (answer) return answer as Exclude<T, false | null | undefined | 0 | ''>;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
