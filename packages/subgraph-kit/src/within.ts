/**
 * What `work` settles with, or what `onTimeout` gives (or throws) when `work` has not
 * settled within `timeoutMs`. The timer is cleared either way, so it never keeps a
 * process alive. `work` itself is not cancelled: give it its own signal if it must stop.
 */
export async function within<T>(work: Promise<T>, timeoutMs: number, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  }).then(onTimeout);
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
