import { isoTimestamp } from '@agora/subgraph-kit';
import type { OrderItemResolvers, OrderResolvers } from '../__generated__/resolvers-types';
import { canReadOrder } from '../order.service';

export const Order: OrderResolvers = {
  // The same rule as Query.order: someone else's order resolves to null.
  __resolveReference: async (reference, { caller, loaders }) => {
    const order = await loaders.orderById.load(reference.id);
    return order && canReadOrder(caller, order) ? order : null;
  },
  items: (order, _args, { loaders }) => loaders.itemsByOrder.load(order.id),
  total: (order) => ({ amount: order.totalAmount, currency: order.currency }),
  createdAt: (order) => isoTimestamp(order.createdAt),
};

export const OrderItem: OrderItemResolvers = {
  // A reference only: the catalog resolves the rest of the product.
  product: (item) => ({ __typename: 'Product', id: item.productId }),
  unitPrice: (item) => ({ amount: item.unitAmount, currency: item.currency }),
  lineTotal: (item) => ({ amount: item.unitAmount * item.quantity, currency: item.currency }),
};
