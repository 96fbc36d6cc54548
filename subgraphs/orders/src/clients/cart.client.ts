import { ErrorCode, serviceCaller, type SubgraphClient } from '@agora/subgraph-kit';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import type { CartLine, CartPort } from '../checkout/ports';

const money = z.object({ amount: z.number().int(), currency: z.string() });

const cartLine = z
  .object({
    id: z.string(),
    quantity: z.number().int(),
    product: z.object({ id: z.string() }),
    unitPrice: money.nullable(),
    available: z.boolean(),
    unavailableMessage: z.string().nullable(),
  })
  .transform(({ id, quantity, product, unitPrice, available, unavailableMessage }): CartLine => {
    const line = { itemId: id, productId: product.id, quantity };
    if (available && unitPrice) return { ...line, available, unitPrice };
    return { ...line, available: false, problem: unavailableMessage ?? `Product ${product.id} cannot be bought now.` };
  });

const beginAnswer = z.object({ beginCheckout: z.object({ items: z.array(cartLine), subtotal: money }) });

const BEGIN = `mutation OrdersBeginCheckout($userId: ID!, $checkoutKey: String!, $ttlSeconds: Int!) {
  beginCheckout(userId: $userId, checkoutKey: $checkoutKey, ttlSeconds: $ttlSeconds) {
    items { id quantity product { id } unitPrice { amount currency } available unavailableMessage }
    subtotal { amount currency }
  }
}`;
const COMPLETE = `mutation OrdersCompleteCheckout($userId: ID!, $checkoutKey: String!, $lines: [OrderedCartLineInput!]!) {
  completeCheckout(userId: $userId, checkoutKey: $checkoutKey, lines: $lines) { id }
}`;
const RELEASE = `mutation OrdersReleaseCheckout($userId: ID!, $checkoutKey: String!) {
  releaseCheckout(userId: $userId, checkoutKey: $checkoutKey) { id }
}`;

/** The cart subgraph's internal checkout-lock mutations, called as the orders service. */
export function cartClient(client: SubgraphClient): CartPort {
  const as = (requestId?: string) => ({ caller: serviceCaller('orders'), requestId });
  return {
    async beginCheckout(userId, checkoutKey, ttlSeconds, requestId) {
      try {
        const data = await client.request(BEGIN, { userId, checkoutKey, ttlSeconds }, as(requestId));
        return { begun: true, cart: beginAnswer.parse(data).beginCheckout };
      } catch (error) {
        // Another checkout holds the cart (or this one already completed): the cart's CONFLICT says which.
        if (error instanceof GraphQLError && error.extensions.code === ErrorCode.Conflict) {
          return { begun: false, reason: error.message };
        }
        throw error;
      }
    },
    async completeCheckout(userId, checkoutKey, lines, requestId) {
      await client.request(COMPLETE, { userId, checkoutKey, lines }, as(requestId));
    },
    async releaseCheckout(userId, checkoutKey, requestId) {
      await client.request(RELEASE, { userId, checkoutKey }, as(requestId));
    },
  };
}
