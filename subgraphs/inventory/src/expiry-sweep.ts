import type { Logger } from '@agora/subgraph-kit';
import type { ReservationService } from './reservations.service';

/**
 * Releases expired reservations every `intervalMs` until the returned stop is
 * called. A sweep still running when the next is due is not doubled; the timer is
 * unref'd so it never keeps a process alive on its own.
 */
export function startExpirySweep(reservations: ReservationService, intervalMs: number, log: Logger): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    reservations
      .releaseExpired()
      .then((expired) => {
        if (expired.length > 0) log.info({ orders: expired.map((r) => r.orderId) }, 'expired reservations released');
      })
      .catch((error: unknown) => log.error({ err: error }, 'reservation expiry sweep failed'))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
