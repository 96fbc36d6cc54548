/**
 * A deep copy of a stored document: plain objects, arrays and Dates (what the
 * catalog stores). Not `structuredClone`, which builds its copies in Node's main
 * realm, where `instanceof Date` fails for code running in another one (jest's vm).
 */
export function cloneDocument<T>(value: T): T {
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => cloneDocument(item)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cloneDocument(item)])) as T;
  }
  return value;
}
