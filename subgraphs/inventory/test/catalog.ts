import type { Caller, IdentitySigner } from '@agora/subgraph-kit';
import { addCatalogProduct, startSubgraphs } from '@agora/testing';
import type { ProductCatalog } from '../src/product-catalog';
import { productCatalogClient } from '../src/product-catalog.client';

/** The real catalog subgraph over HTTP: inventory asks it which products exist. */
export interface ServedCatalog {
  /** What inventory calls the catalog through, signed with inventory's key, which this catalog trusts. */
  client: ProductCatalog;
  /** GraphQL requests that reached the catalog. */
  requests: { count: number };
  /** Adds a product to the catalog; returns its id. */
  addProduct: () => Promise<string>;
  /** Deletes a product as an admin would. */
  deleteProduct: (productId: string) => Promise<void>;
  stop: () => Promise<void>;
}

const admin: Caller = { userId: 'catalog-admin', roles: ['customer', 'admin'] };

/** Starts the catalog (its public entry, demo data in an in-process store) on a free port. */
export async function startCatalog(): Promise<ServedCatalog> {
  const started = await startSubgraphs(['catalog'], { prefix: 'inventory', seed: ['catalog'] });
  const { running, requests } = started.subgraphs.catalog;
  return {
    client: productCatalogClient({
      catalogUrl: running.url,
      signer: started.signers.byName.inventory as IdentitySigner,
    }),
    requests,
    addProduct: () => addCatalogProduct(started, { price: { amount: 1000, currency: 'USD' } }),
    deleteProduct: async (productId) => {
      const result = await started.execute('catalog', admin, 'mutation ($id: ID!) { deleteProduct(id: $id) }', {
        id: productId,
      });
      if (result.errors) throw new Error(`catalog: ${JSON.stringify(result.errors)}`);
    },
    stop: started.stop,
  };
}
