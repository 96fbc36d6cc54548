/** One request of a load run: the phase it started and ended in, and what it answered or threw. */
export interface LoadAnswer<T> {
  /** The load's phase when the request was sent. */
  startPhase: string;
  /** The load's phase when its answer (or failure) came back. */
  endPhase: string;
  /** How long it took, in milliseconds. */
  durationMs: number;
  /** What `ask` resolved to; undefined when it threw. */
  answer?: T;
  /** What `ask` threw (a refused connection, a body that is not JSON, ...). */
  failure?: unknown;
}

/** A steady stream of requests, `concurrency` in flight, until `stop`. */
export interface Load<T> {
  /** Names what happens from now on (e.g. `outage`); each answer records its phases. */
  setPhase: (phase: string) => void;
  /** Every answer so far, in the order they came back. */
  answers: () => LoadAnswer<T>[];
  /** The answers to requests both sent and answered within `phase`. */
  within: (phase: string) => LoadAnswer<T>[];
  /** The phase each request sent but not yet answered was sent in (at most `concurrency` of them). */
  inFlight: () => string[];
  /** Sends no more requests and waits for those in flight. */
  stop: () => Promise<void>;
}

export interface LoadOptions<T> {
  /** How many requests are in flight at once (each worker sends its next when its last is answered). */
  concurrency: number;
  /** Sends one request and reads its answer. */
  ask: () => Promise<T>;
  /** The first phase's name. */
  phase: string;
  /** A pause after each answer, per worker, in milliseconds (default 0: the next request at once). */
  pauseMs?: number;
}

/**
 * Keeps `concurrency` requests in flight (a fault test's traffic while a service is killed
 * or slowed) and records every answer with the phases it started and ended in, so the
 * test asserts what each phase answered by counting, never by timing.
 */
export function startLoad<T>({ concurrency, ask, phase, pauseMs = 0 }: LoadOptions<T>): Load<T> {
  let current = phase;
  let stopped = false;
  const answers: LoadAnswer<T>[] = [];
  /** Each worker's request awaiting its answer: the phase it was sent in. */
  const pending = new Set<{ startPhase: string }>();

  const worker = async (): Promise<void> => {
    while (!stopped) {
      const startPhase = current;
      const started = performance.now();
      const request = { startPhase };
      pending.add(request);
      let answer: T | undefined;
      let failure: unknown;
      try {
        answer = await ask();
      } catch (error) {
        failure = error ?? new Error('ask rejected without a reason');
      }
      pending.delete(request);
      const durationMs = performance.now() - started;
      answers.push({
        startPhase,
        endPhase: current,
        durationMs,
        ...(failure === undefined ? { answer } : { failure }),
      });
      if (pauseMs > 0 && !stopped) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  };
  const workers = Array.from({ length: concurrency }, worker);

  return {
    setPhase: (next) => {
      current = next;
    },
    answers: () => [...answers],
    within: (name) => answers.filter((a) => a.startPhase === name && a.endPhase === name),
    inFlight: () => [...pending].map((request) => request.startPhase),
    stop: async () => {
      stopped = true;
      await Promise.all(workers);
    },
  };
}
