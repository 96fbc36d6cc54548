import { parseInput, requireRole, SERVICE_ROLE } from '@agora/subgraph-kit';
import { z } from 'zod';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { primePayment } from '../loaders';
import { authorizePaymentInput } from '../payment.service';

const orderId = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

// Internal mutations (@inaccessible): only other services, never a customer, may call them.
export const Mutation: MutationResolvers = {
  authorizePayment: async (_parent, args, { caller, payments, loaders, log }) => {
    requireRole(caller, SERVICE_ROLE);
    const input = parseInput(authorizePaymentInput, args.input, 'input');
    return primePayment(loaders, await payments.authorize(input, log));
  },
  capturePayment: async (_parent, args, { caller, payments, loaders }) => {
    requireRole(caller, SERVICE_ROLE);
    return primePayment(loaders, await payments.capture(parseInput(orderId, args.orderId, 'orderId')));
  },
  voidPayment: async (_parent, args, { caller, payments, loaders }) => {
    requireRole(caller, SERVICE_ROLE);
    const payment = await payments.void(parseInput(orderId, args.orderId, 'orderId'));
    return payment && primePayment(loaders, payment);
  },
  refundPayment: async (_parent, args, { caller, payments, loaders }) => {
    requireRole(caller, SERVICE_ROLE);
    const payment = await payments.refund(parseInput(orderId, args.orderId, 'orderId'));
    return payment && primePayment(loaders, payment);
  },
};
