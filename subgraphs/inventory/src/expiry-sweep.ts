import { PollLoop, type Logger } from '@agora/subgraph-kit';
import type { ReservationService } from './reservation.service';

/**
 * Releases expired reservations every `intervalMs` until the returned stop is
 * called (a sweep still running when the next is due is not doubled).
 */
export function startExpirySweep(
  reservations: ReservationService,
  intervalMs: number,
  log: Logger,
): () => Promise<void> {
  const loop = new PollLoop(
    async () => {
      const expired = await reservations.releaseExpired();
      if (expired.length > 0) log.info({ orders: expired.map((r) => r.orderId) }, 'expired reservations released');
    },
    (error) => log.error({ err: error }, 'reservation expiry sweep failed'),
  );
  loop.start(intervalMs, { delayFirst: true });
  return () => loop.stop();
}
