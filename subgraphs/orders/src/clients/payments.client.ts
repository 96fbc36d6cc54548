import { payments } from '@agora/contracts';
import { serviceCaller, type SubgraphClient } from '@agora/subgraph-kit';
import type { PaymentsPort } from '../checkout/ports';

/** The payments subgraph's internal mutations, called as the orders service. */
export function paymentsClient(client: SubgraphClient): PaymentsPort {
  const as = (requestId?: string) => ({ caller: serviceCaller('orders'), requestId });
  return {
    async authorizePayment(request, requestId) {
      return (await client.request(payments.AuthorizePaymentDocument, { input: request }, as(requestId)))
        .authorizePayment;
    },
    async capturePayment(orderId, requestId) {
      return (await client.request(payments.CapturePaymentDocument, { orderId }, as(requestId))).capturePayment;
    },
    async voidPayment(orderId, requestId) {
      return (await client.request(payments.VoidPaymentDocument, { orderId }, as(requestId))).voidPayment;
    },
    async refundPayment(orderId, requestId) {
      return (await client.request(payments.RefundPaymentDocument, { orderId }, as(requestId))).refundPayment;
    },
  };
}
