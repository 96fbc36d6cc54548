import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { parseConfig, readSecretFiles, SECRET_VARIABLES } from '../src';

describe('secrets given as <NAME>_FILE', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'agora-secrets-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** Writes `content` to a new file in the test folder; answers its path. */
  function secretFile(name: string, content: string): string {
    const file = path.join(folder, name);
    writeFileSync(file, content);
    return file;
  }

  const schema = z.object({
    SIGNING_KEY: z.string().min(32),
    DATABASE_URL: z.url(),
    AMQP_URL: z.url().optional(),
  });

  it('covers the six secret settings, the signing keys included', () => {
    expect([...SECRET_VARIABLES].sort()).toEqual(
      ['AMQP_URL', 'DATABASE_URL', 'EVENTS_DATABASE_URL', 'ROUTER_SIGNING_KEY', 'SIGNING_KEY', 'MONGODB_URL'].sort(),
    );
  });

  it('reads each secret from its file, trimmed, and leaves plain variables as they are', () => {
    const config = parseConfig(schema, {
      SIGNING_KEY_FILE: secretFile('signing-key', `${'s'.repeat(40)}\n`),
      DATABASE_URL_FILE: secretFile('database', '  postgres://orders:pw@db:5432/agora_orders \n'),
      AMQP_URL: 'amqp://agora:pw@rabbitmq:5672',
    });

    expect(config).toEqual({
      SIGNING_KEY: 's'.repeat(40),
      DATABASE_URL: 'postgres://orders:pw@db:5432/agora_orders',
      AMQP_URL: 'amqp://agora:pw@rabbitmq:5672',
    });
  });

  it('refuses a secret given both ways, naming both variables', () => {
    expect(() =>
      parseConfig(schema, {
        SIGNING_KEY: 'x'.repeat(32),
        SIGNING_KEY_FILE: secretFile('signing-key-both', 'y'.repeat(32)),
        DATABASE_URL: 'postgres://db/agora',
      }),
    ).toThrow('SIGNING_KEY, SIGNING_KEY_FILE: set one of them, not both');
  });

  it('refuses a file that is missing or empty, naming the _FILE variable', () => {
    const missing = path.join(folder, 'no-such-file');
    const result = readSecretFiles({ DATABASE_URL_FILE: missing, AMQP_URL_FILE: secretFile('empty', ' \n') });

    expect(result.problems).toEqual([
      `DATABASE_URL_FILE: cannot read ${missing} (ENOENT)`,
      `AMQP_URL_FILE: ${path.join(folder, 'empty')} is empty`,
    ]);
    expect(() => parseConfig(schema, { SIGNING_KEY: 'x'.repeat(32), DATABASE_URL_FILE: missing })).toThrow(
      `DATABASE_URL_FILE: cannot read ${missing}`,
    );
  });

  it('treats an empty variable as unset, and ignores _FILE for settings that are not secrets', () => {
    const env = {
      AMQP_URL: '',
      AMQP_URL_FILE: secretFile('amqp', 'amqp://rabbitmq:5672'),
      PORT_FILE: secretFile('port', '4000'),
    };
    const { env: resolved, problems } = readSecretFiles(env);

    expect(problems).toEqual([]);
    expect(resolved.AMQP_URL).toBe('amqp://rabbitmq:5672');
    expect(resolved.PORT).toBeUndefined();
    expect(env.AMQP_URL).toBe('');
  });
});
