import { cart } from '@agora/contracts';
import { type CallScope, ErrorCode, serviceCaller, type SubgraphClient } from '@agora/subgraph-kit';
import { GraphQLError } from 'graphql';
import type { CartLine, CartPort } from '../checkout/ports';

type AnsweredLine = cart.BeginCheckoutMutation['beginCheckout']['items'][number];

/** A line as the saga decides on it: available with its price, or the cart's words for why not. */
function cartLine({ id, quantity, product, unitPrice, available, unavailableMessage }: AnsweredLine): CartLine {
  // `product` is nullable for the router's sake (catalog down); asked of the cart alone, its id
  // comes from the cart's own rows, so null here means the cart broke its contract.
  if (!product) throw new Error(`The cart answered line ${id} without its product.`);
  const line = { itemId: id, productId: product.id, quantity };
  if (available && unitPrice) return { ...line, available, unitPrice };
  return { ...line, available: false, problem: unavailableMessage ?? `Product ${product.id} cannot be bought now.` };
}

/** The cart subgraph's internal checkout-lock mutations, called as the orders service. */
export function cartClient(client: SubgraphClient): CartPort {
  const as = (scope?: CallScope) => ({ caller: serviceCaller('orders'), ...scope });
  return {
    async beginCheckout(userId, checkoutKey, ttlSeconds, scope) {
      try {
        const { beginCheckout } = await client.request(
          cart.BeginCheckoutDocument,
          { userId, checkoutKey, ttlSeconds },
          as(scope),
        );
        return { begun: true, cart: { items: beginCheckout.items.map(cartLine), subtotal: beginCheckout.subtotal } };
      } catch (error) {
        // Another checkout holds the cart (or this one already completed): the cart's CONFLICT says which.
        if (error instanceof GraphQLError && error.extensions.code === ErrorCode.Conflict) {
          return { begun: false, reason: error.message };
        }
        throw error;
      }
    },
    async completeCheckout(userId, checkoutKey, lines, scope) {
      await client.request(cart.CompleteCheckoutDocument, { userId, checkoutKey, lines }, as(scope));
    },
    async releaseCheckout(userId, checkoutKey, scope) {
      await client.request(cart.ReleaseCheckoutDocument, { userId, checkoutKey }, as(scope));
    },
  };
}
