import { inventory } from '@agora/contracts';
import { ErrorCode, serviceCaller, type SubgraphClient } from '@agora/subgraph-kit';
import { GraphQLError } from 'graphql';
import type { InventoryPort } from '../checkout/ports';

/** The inventory subgraph's internal reservation mutations, called as the orders service. */
export function inventoryClient(client: SubgraphClient): InventoryPort {
  const as = (requestId?: string) => ({ caller: serviceCaller('orders'), requestId });
  return {
    async reserveStock(orderId, items, ttlSeconds, requestId) {
      try {
        await client.request(inventory.ReserveStockDocument, { input: { orderId, items, ttlSeconds } }, as(requestId));
        return { reserved: true };
      } catch (error) {
        // Not enough stock is inventory's CONFLICT, whose message names the product.
        if (error instanceof GraphQLError && error.extensions.code === ErrorCode.Conflict) {
          return { reserved: false, reason: error.message };
        }
        throw error;
      }
    },
    async commitReservation(orderId, requestId) {
      await client.request(inventory.CommitReservationDocument, { orderId }, as(requestId));
    },
    async releaseReservation(orderId, requestId) {
      await client.request(inventory.ReleaseReservationDocument, { orderId }, as(requestId));
    },
    async restockOrder(orderId, requestId) {
      await client.request(inventory.RestockOrderDocument, { orderId }, as(requestId));
    },
  };
}
