import { type BreakerSettings, type IdentitySigner, SubgraphClient } from '@agora/subgraph-kit';
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
  /** Each callee's circuit breaker (DEFAULT_BREAKER when not given). */
  breaker?: BreakerSettings;
}

/** The checkout's ports over the real subgraphs, called directly (not through the router). */
export function subgraphPorts(options: SubgraphPortsOptions): CheckoutPorts {
  const client = (name: keyof SubgraphUrls, timeoutMs?: number) =>
    new SubgraphClient({
      url: options.urls[name],
      name,
      signer: options.signer,
      timeoutMs,
      breaker: options.breaker,
    });
  return {
    cart: cartClient(client('cart')),
    catalog: catalogClient(client('catalog')),
    inventory: inventoryClient(client('inventory')),
    payments: paymentsClient(client('payments', options.paymentsTimeoutMs ?? 15_000)),
  };
}
