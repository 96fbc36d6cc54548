import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * One JSON logger per service; the request logger is a child of it. Lines go to
 * stdout, or to `destination` (tests read what was logged from it).
 */
export function createLogger(service: string, level = 'info', destination?: DestinationStream): Logger {
  return pino({ name: service, level }, destination);
}
