import { z } from 'zod';

/** How long units are held when the caller does not say. */
const DEFAULT_TTL_SECONDS = 900;
const MAX_LINES = 100;
const MAX_LINE_QUANTITY = 1000;

/**
 * Another service's id (a catalog product, an order): opaque to inventory, which keeps
 * stock and holds for ids it has never seen. Bounded, because a key longer than any
 * id those services issue can only be junk (and PostgreSQL cannot index it).
 */
const MAX_ID_LENGTH = 100;
export const externalId = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`);

const reservationItem = z.object({
  productId: externalId,
  quantity: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(MAX_LINE_QUANTITY, `must be at most ${MAX_LINE_QUANTITY}`),
});

export const reserveStockInput = z.object({
  orderId: externalId,
  items: z
    .array(reservationItem)
    .min(1, 'must hold at least one item')
    .max(MAX_LINES, `must hold at most ${MAX_LINES} items`)
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((item, index) => {
        if (seen.has(item.productId)) {
          ctx.addIssue({ code: 'custom', message: 'appears more than once', path: [index, 'productId'] });
        }
        seen.add(item.productId);
      });
    }),
  ttlSeconds: z
    .number()
    .int('must be a whole number')
    .min(30, 'must be at least 30')
    .max(86_400, 'must be at most 86400')
    .nullish()
    .transform((ttl) => ttl ?? DEFAULT_TTL_SECONDS),
});

/** Validated reserveStock input: ttlSeconds defaulted. */
export type ReserveStock = z.infer<typeof reserveStockInput>;
