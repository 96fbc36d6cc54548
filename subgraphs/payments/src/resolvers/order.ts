import { requireCaller } from '@agora/subgraph-kit';
import type { OrderResolvers } from '../__generated__/resolvers-types';
import { canReadPayment } from '../payment.service';

export const Order: OrderResolvers = {
  // Orders only resolves orders the caller may see; this check stands on its own all the same.
  payment: async (order, _args, { caller, loaders }) => {
    const reader = requireCaller(caller);
    const payment = await loaders.paymentByOrderId.load(order.id);
    return payment && canReadPayment(reader, payment) ? payment : null;
  },
};
