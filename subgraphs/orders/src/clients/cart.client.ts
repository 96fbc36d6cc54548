import type { SubgraphClient } from '@agora/subgraph-kit';
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

const cartAnswer = z.object({ cart: z.object({ items: z.array(cartLine), subtotal: money }) });

const READ_CART = `query CheckoutCart {
  cart {
    items { id quantity product { id } unitPrice { amount currency } available unavailableMessage }
    subtotal { amount currency }
  }
}`;

const CLEAR_CART = `mutation CheckoutClearCart { clearCart { id } }`;

/** The cart subgraph, called as the user who checks out (their identity, re-signed). */
export function cartClient(client: SubgraphClient): CartPort {
  return {
    async readCart(caller, requestId) {
      return cartAnswer.parse(await client.request(READ_CART, {}, { caller, requestId })).cart;
    },
    async clearCart(caller, requestId) {
      await client.request(CLEAR_CART, {}, { caller, requestId });
    },
  };
}
