const UNIQUE_VIOLATION = '23505';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * True when `error` (or what it wraps: drizzle wraps driver errors) is PostgreSQL's
 * unique violation, on `constraint` when one is named.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    const { code, constraint: violated } = current as Error & { code?: unknown; constraint?: unknown };
    if (code === UNIQUE_VIOLATION && (constraint === undefined || violated === constraint)) return true;
  }
  return false;
}

/** Whether `value` can be compared with a uuid column (anything else makes PostgreSQL throw). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
