import { ErrorCode, serviceCaller, type SubgraphClient } from '@agora/subgraph-kit';
import { GraphQLError } from 'graphql';
import type { InventoryPort } from '../checkout/ports';

const RESERVE = `mutation OrdersReserveStock($input: ReserveStockInput!) {
  reserveStock(input: $input) { orderId status }
}`;
const COMMIT = `mutation OrdersCommitReservation($orderId: ID!) { commitReservation(orderId: $orderId) { orderId status } }`;
const RELEASE = `mutation OrdersReleaseReservation($orderId: ID!) { releaseReservation(orderId: $orderId) { orderId status } }`;
const RESTOCK = `mutation OrdersRestockOrder($orderId: ID!) { restockOrder(orderId: $orderId) { orderId status } }`;

/** The inventory subgraph's internal reservation mutations, called as the orders service. */
export function inventoryClient(client: SubgraphClient): InventoryPort {
  const as = (requestId?: string) => ({ caller: serviceCaller('orders'), requestId });
  return {
    async reserveStock(orderId, items, ttlSeconds, requestId) {
      try {
        await client.request(RESERVE, { input: { orderId, items, ttlSeconds } }, as(requestId));
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
      await client.request(COMMIT, { orderId }, as(requestId));
    },
    async releaseReservation(orderId, requestId) {
      await client.request(RELEASE, { orderId }, as(requestId));
    },
    async restockOrder(orderId, requestId) {
      await client.request(RESTOCK, { orderId }, as(requestId));
    },
  };
}
