import { parseConfig } from '@agora/subgraph-kit';
import { connectEvents, eventsConfigSchema } from '../src';

const schema = eventsConfigSchema({});

describe('events configuration', () => {
  it('needs no events database when RabbitMQ carries the events', () => {
    expect(parseConfig(schema, { AMQP_URL: 'amqp://rabbitmq:5672' })).toEqual({ AMQP_URL: 'amqp://rabbitmq:5672' });
  });

  it('uses the pg-boss database without RabbitMQ (an empty AMQP_URL is unset)', () => {
    expect(parseConfig(schema, { EVENTS_DATABASE_URL: 'postgres://db/agora_events', AMQP_URL: '' })).toEqual({
      EVENTS_DATABASE_URL: 'postgres://db/agora_events',
    });
  });

  it('refuses a configuration with neither transport, naming both variables', () => {
    expect(() => parseConfig(schema, {})).toThrow(
      'EVENTS_DATABASE_URL: required unless AMQP_URL is set (set AMQP_URL or EVENTS_DATABASE_URL)',
    );
    expect(() => parseConfig(schema, { EVENTS_DATABASE_URL: '', AMQP_URL: '' })).toThrow('required unless AMQP_URL');
  });

  it('connects no transport when given neither a broker nor a database', async () => {
    await expect(connectEvents({})).rejects.toThrow('connectEvents: neither amqpUrl nor databaseUrl is set');
  });
});
