/** The subgraphs that produce or consume events: their configs take eventsConfigSchema's check. */
const WITH_EVENTS = ['catalog', 'notifications', 'orders', 'payments', 'recommendations', 'search'];

const BASE = { DATABASE_URL: 'postgres://db/agora' };
const NO_TRANSPORT = 'EVENTS_DATABASE_URL: required unless AMQP_URL is set (set AMQP_URL or EVENTS_DATABASE_URL)';

describe('the events transport check of every subgraph with events', () => {
  it.each(WITH_EVENTS)('@agora/%s refuses a configuration with neither transport, naming both variables', (name) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the package named by the test's parameter
    const { loadConfig } = require(`@agora/${name}`) as { loadConfig: (env: NodeJS.ProcessEnv) => unknown };

    expect(() => loadConfig(BASE)).toThrow(NO_TRANSPORT);
    expect(loadConfig({ ...BASE, AMQP_URL: 'amqp://rabbitmq:5672' })).toMatchObject({
      AMQP_URL: 'amqp://rabbitmq:5672',
    });
    expect(loadConfig({ ...BASE, EVENTS_DATABASE_URL: 'postgres://db/agora_events' })).toMatchObject({
      EVENTS_DATABASE_URL: 'postgres://db/agora_events',
    });
  });
});
