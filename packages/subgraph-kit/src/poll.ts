/**
 * Runs `pass` every `intervalMs` until stop(): the next pass is due `intervalMs`
 * after the previous one ended, so two never overlap, and stop() waits for the pass
 * in progress (the store it uses can then be closed). A failed pass goes to
 * `onError` and the loop goes on. The timer is unref'd: polling never keeps a
 * process alive on its own. runNow() runs a pass outside the timer, queued behind
 * the one in progress: a pass asked for by hand (a relay's catch-up) never runs
 * beside a polled one, so both never read and act on the same work.
 */
export class PollLoop<T = unknown> {
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  /** The last pass queued, polled or asked for; the next one starts after it. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly pass: () => Promise<T>,
    private readonly onError: (error: Error) => void,
  ) {}

  /** Starts polling; the first pass runs at once, or after one interval with `delayFirst`. */
  start(intervalMs: number, options: { delayFirst?: boolean } = {}): void {
    if (this.running) return;
    this.running = true;
    const schedule = (): void => {
      if (!this.running) return;
      this.timer = setTimeout(tick, intervalMs);
      this.timer.unref();
    };
    const tick = (): void => {
      void this.runNow()
        .catch((error: unknown) => this.onError(error instanceof Error ? error : new Error(String(error))))
        .finally(schedule);
    };
    if (options.delayFirst) schedule();
    else tick();
  }

  /** One pass now, after the pass in progress if any; resolves with its result (a failure goes to the caller). */
  runNow(): Promise<T> {
    const run = this.queue.then(() => this.pass());
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops polling and waits for the passes in progress or queued. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.queue;
  }
}
