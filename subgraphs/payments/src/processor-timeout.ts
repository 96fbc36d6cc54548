export const TIMED_OUT = Symbol('timed out');

/**
 * Waits for `work` at most `ms` milliseconds. A processor that never answers must
 * not hold a checkout (and its database connection) forever.
 */
export async function withinTimeout<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Like `withinTimeout`, but a timeout is an error (the caller cannot go on without the answer). */
export async function requireWithinTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  const result = await withinTimeout(work, ms);
  if (result === TIMED_OUT) throw new Error(`card processor: ${what} did not answer within ${ms} ms`);
  return result;
}
