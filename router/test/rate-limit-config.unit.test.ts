import { loadConfig } from '../src/config';

describe('router rate-limit config', () => {
  it('defaults to 200 requests per client per minute, in memory, trusting no proxy', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      RATE_LIMIT_REQUESTS: 200,
      RATE_LIMIT_WINDOW_SECONDS: 60,
      RATE_LIMIT_KEY_PREFIX: 'agora:router:requests',
      TRUST_PROXY: 0,
    });
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('reads Redis, the proxy hops and a limit of 0 (off)', () => {
    expect(loadConfig({ REDIS_URL: 'redis://redis:6379', TRUST_PROXY: '2', RATE_LIMIT_REQUESTS: '0' })).toMatchObject({
      REDIS_URL: 'redis://redis:6379',
      TRUST_PROXY: 2,
      RATE_LIMIT_REQUESTS: 0,
    });
  });

  it('refuses a REDIS_URL that is not a URL and a negative hop count, naming them', () => {
    expect(() => loadConfig({ REDIS_URL: 'localhost', TRUST_PROXY: '-1' })).toThrow(
      /REDIS_URL[\s\S]*TRUST_PROXY|TRUST_PROXY[\s\S]*REDIS_URL/,
    );
  });
});
