import { serviceCaller, type SubgraphClient } from '@agora/subgraph-kit';
import { z } from 'zod';
import type { CatalogPort } from '../checkout/ports';

const PRODUCT_NAMES = `query OrderProductNames($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Product { id name } }
}`;

const namesAnswer = z.object({
  _entities: z.array(z.object({ id: z.string(), name: z.string() }).nullable()),
});

/** The catalog, asked for product names by entity key (unknown products resolve to null). */
export function catalogClient(client: SubgraphClient): CatalogPort {
  return {
    async productNames(productIds, requestId) {
      if (productIds.length === 0) return new Map();
      const answer = namesAnswer.parse(
        await client.request(
          PRODUCT_NAMES,
          { representations: productIds.map((id) => ({ __typename: 'Product', id })) },
          { caller: serviceCaller('orders'), requestId },
        ),
      );
      return new Map(answer._entities.flatMap((product) => (product ? [[product.id, product.name] as const] : [])));
    },
  };
}
