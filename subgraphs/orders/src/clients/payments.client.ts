import { serviceCaller, type SubgraphClient } from '@agora/subgraph-kit';
import { z } from 'zod';
import type { PaymentsPort } from '../checkout/ports';

const outcome = z.object({
  status: z.enum(['AUTHORIZED', 'CAPTURED', 'VOIDED', 'REFUNDED', 'DECLINED']),
  declineReason: z.string().nullable(),
});

const AUTHORIZE = `mutation OrdersAuthorizePayment($input: AuthorizePaymentInput!) {
  authorizePayment(input: $input) { status declineReason }
}`;
const CAPTURE = `mutation OrdersCapturePayment($orderId: ID!) { capturePayment(orderId: $orderId) { status declineReason } }`;
const VOID = `mutation OrdersVoidPayment($orderId: ID!) { voidPayment(orderId: $orderId) { status declineReason } }`;
const REFUND = `mutation OrdersRefundPayment($orderId: ID!) { refundPayment(orderId: $orderId) { status declineReason } }`;

/** The payments subgraph's internal mutations, called as the orders service. */
export function paymentsClient(client: SubgraphClient): PaymentsPort {
  const as = (requestId?: string) => ({ caller: serviceCaller('orders'), requestId });
  const field = async (query: string, name: string, variables: Record<string, unknown>, requestId?: string) => {
    const data = await client.request<Record<string, unknown>>(query, variables, as(requestId));
    return data[name] == null ? null : outcome.parse(data[name]);
  };
  const required = async (query: string, name: string, variables: Record<string, unknown>, requestId?: string) => {
    const payment = await field(query, name, variables, requestId);
    if (!payment) throw new Error(`payments returned no payment for ${name}`);
    return payment;
  };
  return {
    authorizePayment: (request, requestId) => required(AUTHORIZE, 'authorizePayment', { input: request }, requestId),
    capturePayment: (orderId, requestId) => required(CAPTURE, 'capturePayment', { orderId }, requestId),
    voidPayment: (orderId, requestId) => field(VOID, 'voidPayment', { orderId }, requestId),
    refundPayment: (orderId, requestId) => field(REFUND, 'refundPayment', { orderId }, requestId),
  };
}
