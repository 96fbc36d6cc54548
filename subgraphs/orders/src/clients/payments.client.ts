import { payments } from '@agora/contracts';
import { type CallScope, serviceCaller, type SubgraphClient } from '@agora/subgraph-kit';
import type { PaymentsPort } from '../checkout/ports';

/** The payments subgraph's internal mutations, called as the orders service. */
export function paymentsClient(client: SubgraphClient): PaymentsPort {
  const as = (scope?: CallScope) => ({ caller: serviceCaller('orders'), ...scope });
  return {
    async authorizePayment(request, scope) {
      return (await client.request(payments.AuthorizePaymentDocument, { input: request }, as(scope))).authorizePayment;
    },
    async capturePayment(orderId, scope) {
      return (await client.request(payments.CapturePaymentDocument, { orderId }, as(scope))).capturePayment;
    },
    async voidPayment(orderId, scope) {
      return (await client.request(payments.VoidPaymentDocument, { orderId }, as(scope))).voidPayment;
    },
    async refundPayment(orderId, scope) {
      return (await client.request(payments.RefundPaymentDocument, { orderId }, as(scope))).refundPayment;
    },
  };
}
