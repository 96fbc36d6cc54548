import { isoTimestamp, requireCaller } from '@agora/subgraph-kit';
import type { PaymentResolvers } from '../__generated__/resolvers-types';
import { canReadPayment } from '../payment.service';

export const Payment: PaymentResolvers = {
  __resolveReference: async (reference, { caller, loaders }) => {
    const reader = requireCaller(caller);
    const payment = await loaders.paymentById.load(reference.id);
    return payment && canReadPayment(reader, payment) ? payment : null;
  },
  amount: (payment) => ({ amount: payment.amount, currency: payment.currency }),
  createdAt: (payment) => isoTimestamp(payment.createdAt),
};
