import { within } from '../src';

describe('within', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const never = new Promise<string>(() => {});

  it('answers what the work settles with, and leaves no timer behind', async () => {
    await expect(within(Promise.resolve('done'), 1_000, () => 'late')).resolves.toBe('done');
    await expect(within(Promise.reject(new Error('broke')), 1_000, () => 'late')).rejects.toThrow('broke');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('answers what onTimeout gives once the time is up', async () => {
    const answer = within(never, 1_000, () => 'late');
    await jest.advanceTimersByTimeAsync(1_000);
    await expect(answer).resolves.toBe('late');
  });

  it('rejects with what onTimeout throws', async () => {
    const answer = within(never, 1_000, () => {
      throw new Error('not confirmed within 1000 ms');
    });
    const settled = expect(answer).rejects.toThrow('not confirmed within 1000 ms');
    await jest.advanceTimersByTimeAsync(1_000);
    await settled;
  });
});
