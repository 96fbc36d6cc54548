/**
 * Runs `pass` every `intervalMs` until stop(): the next pass is due `intervalMs`
 * after the previous one ended, so two never overlap, and stop() waits for the pass
 * in progress (the store it uses can then be closed). A failed pass goes to
 * `onError` and the loop goes on. The timer is unref'd: polling never keeps a
 * process alive on its own.
 */
export class PollLoop {
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly pass: () => Promise<unknown>,
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
      this.current = this.pass()
        .catch((error: unknown) => this.onError(error instanceof Error ? error : new Error(String(error))))
        .finally(schedule);
    };
    if (options.delayFirst) schedule();
    else tick();
  }

  /** Stops polling and waits for the pass in progress. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.current;
  }
}
