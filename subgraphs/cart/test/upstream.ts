import type { Caller, IdentitySigner, RunningSubgraph } from '@agora/subgraph-kit';
import { addCatalogProduct, startSubgraphs } from '@agora/testing';

/** One upstream subgraph served over HTTP, with the GraphQL requests that reached it. */
export interface ServedSubgraph {
  running: RunningSubgraph;
  requests: { count: number };
}

/** The real catalog and inventory subgraphs the cart asks for prices and stock. */
export interface Upstream {
  /** The cart service's signer, whose key the catalog and inventory trust. */
  cartSigner: IdentitySigner;
  catalog: ServedSubgraph;
  inventory: ServedSubgraph;
  /** Adds a product to the catalog with `stock` units in the inventory; returns its id. */
  addProduct: (product: { name?: string; price: number; currency?: string; stock: number }) => Promise<string>;
  setPrice: (productId: string, amount: number, currency?: string) => Promise<void>;
  setStock: (productId: string, quantity: number) => Promise<void>;
  deleteProduct: (productId: string) => Promise<void>;
  stop: () => Promise<void>;
}

const admin: Caller = { userId: 'upstream-admin', roles: ['customer', 'admin'] };

/**
 * Starts the catalog (demo data in an in-process store) and inventory (its own
 * database) over HTTP from their public entries. Test data is set up in-process as an
 * admin: it is not counted as a request.
 */
export async function startUpstream(): Promise<Upstream> {
  const started = await startSubgraphs(['catalog', 'inventory'], { prefix: 'cart', seed: ['catalog'] });
  const asAdmin = async (
    name: 'catalog' | 'inventory',
    query: string,
    variables: Record<string, unknown>,
  ): Promise<void> => {
    const result = await started.execute(name, admin, query, variables);
    if (result.errors) throw new Error(`${name}: ${JSON.stringify(result.errors)}`);
  };
  const setStock: Upstream['setStock'] = (productId, quantity) =>
    asAdmin('inventory', 'mutation ($id: ID!, $q: Int!) { setStock(productId: $id, quantity: $q) { id } }', {
      id: productId,
      q: quantity,
    });

  return {
    cartSigner: started.signers.byName.cart as IdentitySigner,
    catalog: started.subgraphs.catalog,
    inventory: started.subgraphs.inventory,
    addProduct: async ({ name, price, currency = 'USD', stock }) => {
      const id = await addCatalogProduct(started, { name, price: { amount: price, currency } });
      await setStock(id, stock);
      return id;
    },
    setPrice: (productId, amount, currency = 'USD') =>
      asAdmin(
        'catalog',
        'mutation ($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { id } }',
        {
          id: productId,
          input: { price: { amount, currency } },
        },
      ),
    setStock,
    deleteProduct: (productId) =>
      asAdmin('catalog', 'mutation ($id: ID!) { deleteProduct(id: $id) }', { id: productId }),
    stop: started.stop,
  };
}
