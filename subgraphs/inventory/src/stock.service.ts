import { notFound, type CallScope } from '@agora/subgraph-kit';
import type { ProductCatalog } from './product-catalog';
import { externalId } from './reservation.input';
import type { StockChange, StockRepository } from './stock.repository';

/** The rules around stock levels an admin sets. */
export class StockService {
  constructor(
    private readonly stock: StockRepository,
    private readonly catalog: ProductCatalog,
  ) {}

  /**
   * Sets the units on hand of a product and records the movement; returns the new
   * quantity. NOT_FOUND, with nothing written, when the catalog does not offer the
   * product (an id no product can have included): stock of a product nobody can buy
   * would only mislead.
   */
  async setQuantity(change: StockChange, scope?: CallScope): Promise<number> {
    if (!externalId.safeParse(change.productId).success) throw notFound('There is no product with this id.');
    const offered = await this.catalog.offeredIds([change.productId], scope);
    if (!offered.has(change.productId)) throw notFound(`There is no product ${change.productId}.`);
    return this.stock.setQuantity(change);
  }
}
