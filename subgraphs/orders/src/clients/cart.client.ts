import type { SubgraphClient } from '@agora/subgraph-kit';
import { z } from 'zod';
import type { CartPort } from '../checkout/ports';

const money = z.object({ amount: z.number().int(), currency: z.string() });

const cartAnswer = z.object({
  cart: z.object({
    items: z.array(z.object({ quantity: z.number().int(), product: z.object({ id: z.string() }), unitPrice: money })),
    subtotal: money,
  }),
});

const READ_CART = `query CheckoutCart {
  cart { items { quantity product { id } unitPrice { amount currency } } subtotal { amount currency } }
}`;

const CLEAR_CART = `mutation CheckoutClearCart { clearCart { id } }`;

/** The cart subgraph, called as the user who checks out (their identity, re-signed). */
export function cartClient(client: SubgraphClient): CartPort {
  return {
    async readCart(caller, requestId) {
      const { cart } = cartAnswer.parse(await client.request(READ_CART, {}, { caller, requestId }));
      return {
        items: cart.items.map((item) => ({
          productId: item.product.id,
          quantity: item.quantity,
          unitPrice: item.unitPrice,
        })),
        subtotal: cart.subtotal,
      };
    },
    async clearCart(caller, requestId) {
      await client.request(CLEAR_CART, {}, { caller, requestId });
    },
  };
}
