import { baseContext, describeRedis, errorCodes, execute, REDIS_URL, uniqueRedisPrefix } from '@agora/testing';
import type { Context } from '../src/context';
import { argon2id } from '../src/passwords';
import { SignInLimits, type SignInLimitSettings } from '../src/sign-in-limits';
import { LOG_IN, SIGN_UP, signUp, startAccounts, uniqueEmail, type AccountsHarness } from './setup';

/** Three failures lock an account, five an address, without waits in between; two sign-ups per address. */
const LIMITS: SignInLimitSettings = {
  account: { freeFailures: 3, maxFailures: 3, lockSeconds: 900 },
  address: { freeFailures: 5, maxFailures: 5, lockSeconds: 3600 },
  failureWindowSeconds: 3600,
  signUpsPerAddressPerHour: 2,
};

let addressCounter = 0;
/** A client address no other test of this file uses. */
function uniqueAddress(): string {
  addressCounter += 1;
  return `198.51.100.${addressCounter}`;
}

type Store = [label: string, options: { redisUrl?: string }];
const stores: Store[] = [['in memory', {}]];

describe.each(stores)('log-in and sign-up limits, %s', (_label, store) => {
  limitTests(store);
});

describeRedis()('log-in and sign-up limits, in Redis', () => {
  limitTests({ redisUrl: REDIS_URL });
});

function limitTests(store: { redisUrl?: string }): void {
  let accounts: AccountsHarness;
  beforeAll(async () => {
    accounts = await startAccounts({
      signInLimits: LIMITS,
      ...store,
      rateLimitKeyPrefix: uniqueRedisPrefix('accounts'),
    });
  });
  afterAll(() => accounts.stop());
  afterEach(() => jest.restoreAllMocks());

  function from(address: string): Context {
    return accounts.createContext({ ...baseContext(), clientAddress: address }) as Context;
  }

  function logIn(address: string, email: string, password: string) {
    return execute(accounts.server, from(address), LOG_IN, { input: { email, password } });
  }

  /** The codes of `count` log-ins with a wrong password, in order. */
  async function failLogIns(address: string, email: string, count: number): Promise<unknown[]> {
    const codes: unknown[] = [];
    for (let i = 0; i < count; i += 1) codes.push(...errorCodes(await logIn(address, email, 'wrong password')));
    return codes;
  }

  it('locks an account after three wrong passwords, even for the right one, and says when to retry', async () => {
    const user = await signUp(accounts);
    const address = uniqueAddress();
    expect(await failLogIns(address, user.user.email, 3)).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
    ]);

    const verify = jest.spyOn(argon2id, 'verify');
    const locked = await logIn(uniqueAddress(), user.user.email.toUpperCase(), user.password);
    expect(errorCodes(locked)).toEqual(['RATE_LIMITED']);
    const retryAfter = locked.errors?.[0]?.extensions?.retryAfterSeconds as number;
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(locked.errors?.[0]?.message).toBe(`Too many failed log-ins; try again in ${retryAfter} s.`);
    expect(locked.data).toBeNull();
    expect(verify).not.toHaveBeenCalled();
  });

  it('limits an address by its failures across accounts: another account from it is refused, from elsewhere served', async () => {
    const user = await signUp(accounts);
    const address = uniqueAddress();
    for (let i = 0; i < 5; i += 1) await failLogIns(address, uniqueEmail('sprayed'), 1);

    expect(errorCodes(await logIn(address, user.user.email, user.password))).toEqual(['RATE_LIMITED']);
    const elsewhere = await logIn(uniqueAddress(), user.user.email, user.password);
    expect(elsewhere.errors).toBeUndefined();
    expect(elsewhere.data?.logIn.user.id).toBe(user.user.id);
  });

  it('answers an unknown e-mail like a known one, with the same number of password hashes', async () => {
    const user = await signUp(accounts);
    const hash = jest.spyOn(argon2id, 'hash');
    const verify = jest.spyOn(argon2id, 'verify');
    const answersFor = async (email: string) => {
      const address = uniqueAddress();
      const results = [];
      for (let i = 0; i < 4; i += 1) results.push(await logIn(address, email, 'wrong password'));
      const answers = results.map((r) => ({
        codes: errorCodes(r),
        message: r.errors?.[0]?.message,
        retry: typeof r.errors?.[0]?.extensions?.retryAfterSeconds,
      }));
      return { answers, hashes: hash.mock.calls.length, verifications: verify.mock.calls.length };
    };
    // One warm-up so the dummy hash (made once per process) is not counted in either run.
    await logIn(uniqueAddress(), uniqueEmail('warm-up'), 'wrong password');
    hash.mockClear();
    verify.mockClear();

    const known = await answersFor(user.user.email);
    hash.mockClear();
    verify.mockClear();
    const unknown = await answersFor(uniqueEmail('nobody'));

    expect(unknown).toEqual(known);
    expect(known.verifications).toBe(3);
    expect(known.hashes).toBe(0);
    expect(known.answers.map((a) => a.codes[0])).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'RATE_LIMITED',
    ]);
  });

  it('forgets the account failures on a successful log-in', async () => {
    const user = await signUp(accounts);
    const address = uniqueAddress();
    await failLogIns(address, user.user.email, 2);
    expect((await logIn(address, user.user.email, user.password)).errors).toBeUndefined();
    await failLogIns(uniqueAddress(), user.user.email, 2);
    const again = await logIn(uniqueAddress(), user.user.email, user.password);
    expect(again.errors).toBeUndefined();
  });

  it('refuses sign-ups from one address over the hourly limit, and serves another address', async () => {
    const address = uniqueAddress();
    const signUpFrom = (at: string) =>
      execute(accounts.server, from(at), SIGN_UP, {
        input: { email: uniqueEmail('signup'), password: 'correct horse battery', name: 'Sign Up' },
      });
    expect((await signUpFrom(address)).errors).toBeUndefined();
    expect((await signUpFrom(address)).errors).toBeUndefined();
    const refused = await signUpFrom(address);
    expect(errorCodes(refused)).toEqual(['RATE_LIMITED']);
    expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(3500);
    expect((await signUpFrom(uniqueAddress())).errors).toBeUndefined();
  });
}

describe('failures past the free ones', () => {
  it('make the account wait 1, then 2 seconds before its next attempt, then lock it', async () => {
    const limits = new SignInLimits(
      { ...LIMITS, account: { freeFailures: 1, maxFailures: 4, lockSeconds: 600 } },
      { keyPrefix: uniqueRedisPrefix('slow-down') },
    );
    const waitAfterFailure = async (): Promise<number | null> => {
      await limits.logInFailed('slow@example.com', undefined);
      return limits.checkLogIn('slow@example.com', undefined).then(
        () => null,
        (error: { extensions: { retryAfterSeconds: number } }) => error.extensions.retryAfterSeconds,
      );
    };
    expect([
      await waitAfterFailure(),
      await waitAfterFailure(),
      await waitAfterFailure(),
      await waitAfterFailure(),
    ]).toEqual([null, 1, 2, 600]);
    await limits.close();
  });
});
