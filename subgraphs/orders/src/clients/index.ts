import { type IdentitySigner, SubgraphClient } from '@agora/subgraph-kit';
import type { CheckoutPorts } from '../checkout/ports';
import { cartClient } from './cart.client';
import { catalogClient } from './catalog.client';
import { inventoryClient } from './inventory.client';
import { paymentsClient } from './payments.client';

export interface SubgraphUrls {
  cart: string;
  catalog: string;
  inventory: string;
  payments: string;
}

export interface SubgraphPortsOptions {
  urls: SubgraphUrls;
  /** Orders' own signer: every call is signed as `orders`. */
  signer: IdentitySigner;
  /** How long to wait for payments (longer than its processor's own timeout). */
  paymentsTimeoutMs?: number;
}

/** The checkout's ports over the real subgraphs, called directly (not through the router). */
export function subgraphPorts(options: SubgraphPortsOptions): CheckoutPorts {
  const client = (url: string, timeoutMs?: number) => new SubgraphClient({ url, signer: options.signer, timeoutMs });
  return {
    cart: cartClient(client(options.urls.cart)),
    catalog: catalogClient(client(options.urls.catalog)),
    inventory: inventoryClient(client(options.urls.inventory)),
    payments: paymentsClient(client(options.urls.payments, options.paymentsTimeoutMs ?? 15_000)),
  };
}
