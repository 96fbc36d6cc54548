import { notFound, parseInput, requireService } from '@agora/subgraph-kit';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { primePayment } from '../loaders';
import { authorizePaymentInput, orderIdSchema } from '../payment.service';

/** The order id to look a payment up by; null for one no order can have (it has no payment, like an unknown one). */
function knownOrderId(raw: string): string | null {
  const parsed = orderIdSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** The services that move money: orders' checkout saga. */
const PAYING_SERVICES = ['orders'] as const;

// Internal mutations (@inaccessible): only the orders service calling as itself, never a customer, may call them.
export const Mutation: MutationResolvers = {
  authorizePayment: async (_parent, args, { caller, payments, loaders, log }) => {
    requireService(caller, PAYING_SERVICES);
    const input = parseInput(authorizePaymentInput, args.input, 'input');
    return primePayment(loaders, await payments.authorize(input, log));
  },
  capturePayment: async (_parent, args, { caller, payments, loaders }) => {
    requireService(caller, PAYING_SERVICES);
    const orderId = knownOrderId(args.orderId);
    if (orderId === null) throw notFound(`Order ${args.orderId.slice(0, 200)} has no payment.`);
    return primePayment(loaders, await payments.capture(orderId));
  },
  voidPayment: async (_parent, args, { caller, payments, loaders }) => {
    requireService(caller, PAYING_SERVICES);
    const orderId = knownOrderId(args.orderId);
    const payment = orderId === null ? null : await payments.void(orderId);
    return payment && primePayment(loaders, payment);
  },
  refundPayment: async (_parent, args, { caller, payments, loaders }) => {
    requireService(caller, PAYING_SERVICES);
    const orderId = knownOrderId(args.orderId);
    const payment = orderId === null ? null : await payments.refund(orderId);
    return payment && primePayment(loaders, payment);
  },
};
