import { BREAKER_OFF, CalleeStatusError, DEFAULT_BREAKER } from '../src/breaker';
import { CallGuard } from '../src/call-guard';

const timeout = () => Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });

describe('CallGuard with the breaker off (BREAKER_FAILURES=0)', () => {
  it('has no breaker and sends every call, however many timed out before', async () => {
    const guard = new CallGuard({
      callee: 'dead',
      timeoutMs: 100,
      breaker: { ...DEFAULT_BREAKER, failures: BREAKER_OFF },
    });
    let attempts = 0;

    for (let i = 0; i < 3 * DEFAULT_BREAKER.failures; i += 1) {
      await expect(
        guard.call({ idempotent: true }, () => {
          attempts += 1;
          return Promise.reject(timeout());
        }),
      ).rejects.toMatchObject({ name: 'TimeoutError' });
    }

    expect(guard.breaker).toBeUndefined();
    expect(attempts).toBe(3 * DEFAULT_BREAKER.failures);
  });

  it('does not retry a query after a 5xx', async () => {
    const retried: number[] = [];
    const guard = new CallGuard({
      callee: 'flaky',
      timeoutMs: 100,
      breaker: { ...DEFAULT_BREAKER, failures: BREAKER_OFF },
      events: { onRetry: () => retried.push(1) },
    });
    let attempts = 0;

    await expect(
      guard.call({ idempotent: true }, () => {
        attempts += 1;
        return Promise.reject(new CalleeStatusError(503, 'busy'));
      }),
    ).rejects.toBeInstanceOf(CalleeStatusError);

    expect(attempts).toBe(1);
    expect(retried).toEqual([]);
  });

  it('with the default breaker, stops calling after BREAKER_FAILURES timeouts (the contrast)', async () => {
    const guard = new CallGuard({ callee: 'dead', timeoutMs: 100, breaker: DEFAULT_BREAKER });
    let attempts = 0;

    for (let i = 0; i < 3 * DEFAULT_BREAKER.failures; i += 1) {
      await expect(
        guard.call({ idempotent: true }, () => {
          attempts += 1;
          return Promise.reject(timeout());
        }),
      ).rejects.toBeDefined();
    }

    expect(attempts).toBe(DEFAULT_BREAKER.failures);
  });
});
