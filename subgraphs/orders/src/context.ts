import type { BaseContext } from '@agora/subgraph-kit';
import type { CheckoutSaga } from './checkout/saga';
import { createLoaders, type Loaders } from './loaders';
import type { OrderService } from './order.service';
import type { OrderRepository } from './order.repository';

export interface Context extends BaseContext {
  checkout: CheckoutSaga;
  orders: OrderService;
  loaders: Loaders;
}

/** Builds the per-request context factory over the shared saga, service and repository. */
export function contextFactory(
  repository: OrderRepository,
  checkout: CheckoutSaga,
  orders: OrderService,
): (base: BaseContext) => Context {
  return (base) => ({ ...base, checkout, orders, loaders: createLoaders(repository) });
}
