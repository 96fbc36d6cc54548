import { waitFor } from '@agora/testing';
import { PollLoop } from '../src/poll';

/** Resolves once `check` holds, polling every few milliseconds (bounded). */
const until = (check: () => boolean): Promise<true> => waitFor(check, { timeoutMs: 2000, intervalMs: 5 });

describe('PollLoop', () => {
  it('runs passes one after another, never two at once, and goes on after a failure', async () => {
    let active = 0;
    let most = 0;
    let passes = 0;
    const errors: Error[] = [];
    const loop = new PollLoop(
      async () => {
        active += 1;
        most = Math.max(most, active);
        passes += 1;
        await new Promise((resolve) => setTimeout(resolve, 10));
        active -= 1;
        if (passes === 1) throw new Error('first pass fails');
      },
      (error) => errors.push(error),
    );
    loop.start(1);
    await until(() => passes >= 4);
    await loop.stop();
    expect(most).toBe(1);
    expect(errors.map((e) => e.message)).toEqual(['first pass fails']);
  });

  it('waits for the pass in progress on stop and starts no other', async () => {
    let finished = 0;
    let started = 0;
    const loop = new PollLoop(
      async () => {
        started += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        finished += 1;
      },
      () => undefined,
    );
    loop.start(1);
    await until(() => started === 1);
    await loop.stop();
    expect(finished).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(started).toBe(1);
  });

  it('waits one interval before the first pass with delayFirst', async () => {
    let passes = 0;
    const loop = new PollLoop(
      () => Promise.resolve(void (passes += 1)),
      () => undefined,
    );
    loop.start(60_000, { delayFirst: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(passes).toBe(0);
    await loop.stop();
  });

  it('runs a pass asked for with runNow after the polled pass in progress, never beside it', async () => {
    let active = 0;
    let most = 0;
    let passes = 0;
    const loop = new PollLoop(
      async () => {
        active += 1;
        most = Math.max(most, active);
        passes += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        active -= 1;
        return passes;
      },
      () => undefined,
    );
    loop.start(1);
    await until(() => active === 1);
    const results = await Promise.all([loop.runNow(), loop.runNow()]);
    await loop.stop();
    expect(most).toBe(1);
    expect(results[1]).toBe(results[0] + 1);
  });

  it('gives a failed runNow pass to its caller, not onError', async () => {
    const errors: Error[] = [];
    const loop = new PollLoop(
      () => Promise.reject(new Error('asked pass fails')),
      (error) => errors.push(error),
    );
    await expect(loop.runNow()).rejects.toThrow('asked pass fails');
    expect(errors).toEqual([]);
  });
});
