import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@agora/subgraph-kit';

export interface CapturedLog {
  logger: Logger;
  /** Every line written so far, as written. */
  text: () => string;
  /** The parsed lines at `level` (pino's number: 50 error) or above. */
  atLeast: (level: number) => Record<string, unknown>[];
}

/** A service logger (createLogger, debug and up) that keeps what it writes. */
export function captureLog(service: string): CapturedLog {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(
        ...chunk
          .toString()
          .split('\n')
          .filter((line) => line.length > 0),
      );
      done();
    },
  });
  return {
    logger: createLogger(service, 'debug', sink),
    text: () => lines.join('\n'),
    atLeast: (level) =>
      lines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((line) => (line.level as number) >= level),
  };
}
