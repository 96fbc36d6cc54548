import { inventory } from '@agora/contracts';
import { type CallScope, ErrorCode, serviceCaller, type SubgraphClient } from '@agora/subgraph-kit';
import { GraphQLError } from 'graphql';
import type { InventoryPort } from '../checkout/ports';

/** The inventory subgraph's internal reservation mutations, called as the orders service. */
export function inventoryClient(client: SubgraphClient): InventoryPort {
  const as = (scope?: CallScope) => ({ caller: serviceCaller('orders'), ...scope });
  return {
    async reserveStock(orderId, items, ttlSeconds, scope) {
      try {
        await client.request(inventory.ReserveStockDocument, { input: { orderId, items, ttlSeconds } }, as(scope));
        return { reserved: true };
      } catch (error) {
        // Not enough stock is inventory's CONFLICT, whose message names the product.
        if (error instanceof GraphQLError && error.extensions.code === ErrorCode.Conflict) {
          return { reserved: false, reason: error.message };
        }
        throw error;
      }
    },
    async commitReservation(orderId, scope) {
      await client.request(inventory.CommitReservationDocument, { orderId }, as(scope));
    },
    async releaseReservation(orderId, scope) {
      await client.request(inventory.ReleaseReservationDocument, { orderId }, as(scope));
    },
    async restockOrder(orderId, scope) {
      await client.request(inventory.RestockOrderDocument, { orderId }, as(scope));
    },
  };
}
