import { randomUUID } from 'node:crypto';
import type { Caller } from '@agora/subgraph-kit';
import { baseContext, createTestDatabase, execute, type OperationResult } from '@agora/testing';
import { createCartService } from '../src/app';
import type { Context } from '../src/context';
import { MIGRATIONS_FOLDER } from '../src/db';
import { cartItems, carts } from '../src/db/schema';
import { productCatalogClient } from '../src/product-catalog.client';
import { startUpstream, type Upstream } from './upstream';

/** Tests read results by path. */
export type Result = OperationResult<Record<string, any>>;

export type CartHarness = ReturnType<typeof createCartService> & {
  upstream: Upstream;
  context: (caller?: Caller | null) => Context;
  run: (caller: Caller | null, query: string, variables?: Record<string, unknown>) => Promise<Result>;
  /** Rows in the carts and cart_items tables. */
  rows: () => Promise<{ carts: number; items: number }>;
  stop: () => Promise<void>;
};

/** The cart service on a database of this test file's own, over the real catalog and inventory. */
export async function startCart(): Promise<CartHarness> {
  const upstream = await startUpstream();
  const database = await createTestDatabase('cart', MIGRATIONS_FOLDER);
  const service = createCartService({
    databaseUrl: database.url,
    products: productCatalogClient({
      catalogUrl: upstream.catalog.running.url,
      inventoryUrl: upstream.inventory.running.url,
      signer: upstream.cartSigner,
    }),
  });
  await service.server.start();
  const context = (caller: Caller | null = null): Context => service.createContext(baseContext(caller)) as Context;
  return {
    ...service,
    upstream,
    context,
    run: (caller, query, variables) => execute(service.server, context(caller), query, variables),
    rows: async () => ({ carts: await service.db.db.$count(carts), items: await service.db.db.$count(cartItems) }),
    stop: async () => {
      await service.server.stop();
      await service.close();
      await database.drop();
      await upstream.stop();
    },
  };
}

/** A shopper of their own for each test, so tests never share a cart. */
export function shopper(): Caller {
  return { userId: randomUUID(), roles: ['customer'] };
}

export const CART_FIELDS = `id itemCount subtotal { amount currency }
  items { id quantity product { id } unitPrice { amount currency } lineTotal { amount currency }
    available unavailableReason unavailableMessage }`;

export const ADD_TO_CART = `mutation ($productId: ID!, $quantity: Int!) {
  addToCart(productId: $productId, quantity: $quantity) { ${CART_FIELDS} }
}`;

export const UPDATE_CART_ITEM = `mutation ($itemId: ID!, $quantity: Int!) {
  updateCartItem(itemId: $itemId, quantity: $quantity) { ${CART_FIELDS} }
}`;

export const REMOVE_FROM_CART = `mutation ($itemId: ID!) { removeFromCart(itemId: $itemId) { ${CART_FIELDS} } }`;

export const CLEAR_CART = `mutation { clearCart { ${CART_FIELDS} } }`;

export const CART = `query { cart { ${CART_FIELDS} } }`;

/** Adds to the caller's cart and fails the test on any error; returns the cart. */
export async function addToCart(cart: CartHarness, caller: Caller, productId: string, quantity: number) {
  const result = await cart.run(caller, ADD_TO_CART, { productId, quantity });
  if (result.errors) throw new Error(`addToCart failed: ${JSON.stringify(result.errors)}`);
  return result.data?.addToCart;
}
