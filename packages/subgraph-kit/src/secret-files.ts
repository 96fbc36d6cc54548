import { readFileSync } from 'node:fs';

/**
 * The settings that may be given as a file instead (Docker and Kubernetes secrets):
 * `<NAME>_FILE` holds the path of a file whose trimmed content is the value.
 */
export const SECRET_VARIABLES = [
  'ROUTER_SIGNING_KEY',
  'SIGNING_KEY',
  'DATABASE_URL',
  'EVENTS_DATABASE_URL',
  'AMQP_URL',
  'MONGODB_URL',
] as const;

const isSet = (value: string | undefined): value is string => value !== undefined && value !== '';

/**
 * `env` with each secret given as `<NAME>_FILE` replaced by `<NAME>` = the file's
 * trimmed content (`env` itself is not changed). Returns the problems instead when
 * there are any, one line each: both `<NAME>` and `<NAME>_FILE` set, or a file that
 * cannot be read or is empty.
 */
export function readSecretFiles(
  env: NodeJS.ProcessEnv,
  names: readonly string[] = SECRET_VARIABLES,
): { env: NodeJS.ProcessEnv; problems: string[] } {
  const resolved: NodeJS.ProcessEnv = { ...env };
  const problems: string[] = [];
  for (const name of names) {
    const file = env[`${name}_FILE`];
    if (!isSet(file)) continue;
    if (isSet(env[name])) {
      problems.push(`${name}, ${name}_FILE: set one of them, not both`);
      continue;
    }
    try {
      const value = readFileSync(file, 'utf8').trim();
      if (value === '') problems.push(`${name}_FILE: ${file} is empty`);
      else resolved[name] = value;
    } catch (error) {
      problems.push(`${name}_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return { env: resolved, problems };
}
