import { loadConfig } from '../src/config';

const required = {
  DATABASE_URL: 'postgres://localhost/agora_orders',
  EVENTS_DATABASE_URL: 'postgres://localhost/agora_events',
  IDENTITY_SECRET: 'x'.repeat(32),
};

describe('orders configuration', () => {
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
