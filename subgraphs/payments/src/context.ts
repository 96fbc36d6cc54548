import type { BaseContext } from '@agora/subgraph-kit';
import type { CardProcessor } from './card-processor';
import type { PaymentsDb } from './db';
import { createLoaders, type Loaders } from './loaders';
import type { PaymentStatusCounter } from './payment-metrics';
import { PaymentRepository } from './payment.repository';
import { PaymentService } from './payment.service';

export interface Context extends BaseContext {
  payments: PaymentService;
  loaders: Loaders;
}

/** Builds the per-request context factory over one database handle and one card processor. */
export function contextFactory(
  db: PaymentsDb,
  processor: CardProcessor,
  processorTimeoutMs: number,
  statuses?: PaymentStatusCounter,
): (base: BaseContext) => Context {
  const repository = new PaymentRepository(db.db);
  const payments = new PaymentService(repository, processor, processorTimeoutMs, statuses);
  return (base) => ({ ...base, payments, loaders: createLoaders(repository) });
}
