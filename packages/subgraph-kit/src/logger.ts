import pino, { type Logger } from 'pino';

export type { Logger };

/** One JSON logger per service; the request logger is a child of it. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({ name: service, level });
}
