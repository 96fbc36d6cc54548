import { loadConfig } from '../src/config';

const required = {
  DATABASE_URL: 'postgres://localhost/agora_orders',
  EVENTS_DATABASE_URL: 'postgres://localhost/agora_events',
};

describe('orders configuration', () => {
  it('trusts the router alone by default, and signs with a key generated at start outside production', () => {
    const config = loadConfig(required);
    expect(config.TRUSTED_SIGNERS).toEqual({ router: 'http://127.0.0.1:4000/.well-known/jwks.json' });
    expect(config.SIGNING_KEY).toBeUndefined();
  });

  it('refuses to start in production without SIGNING_KEY, naming it', () => {
    expect(() => loadConfig({ ...required, NODE_ENV: 'production' })).toThrow(
      'SIGNING_KEY: required when NODE_ENV is production',
    );
  });

  it('locks a cart for longer than the recovery sweep takes to settle a stalled checkout, by default', () => {
    const config = loadConfig(required);
    expect(config.CART_LOCK_TTL_SECONDS * 1000).toBeGreaterThan(
      config.STALLED_CHECKOUT_MS + config.CHECKOUT_RECOVERY_INTERVAL_MS,
    );
  });

  it('refuses a cart lock that would lapse before the recovery sweep takes over, naming the variable', () => {
    expect(() => loadConfig({ ...required, CART_LOCK_TTL_SECONDS: '600' })).toThrow(
      'CART_LOCK_TTL_SECONDS: must be longer than STALLED_CHECKOUT_MS + CHECKOUT_RECOVERY_INTERVAL_MS (660 s)',
    );
    expect(() =>
      loadConfig({
        ...required,
        CART_LOCK_TTL_SECONDS: '120',
        STALLED_CHECKOUT_MS: '30000',
        CHECKOUT_RECOVERY_INTERVAL_MS: '5000',
      }),
    ).not.toThrow();
  });
});
