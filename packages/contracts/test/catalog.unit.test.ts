import { catalog } from '../src';

describe('catalog.onSaleIds', () => {
  it('keeps the products the catalog knows and still sells, and drops unknown ids and tombstones', () => {
    const answer: catalog.ProductSaleStatesQuery = {
      _entities: [
        { __typename: 'Product', id: 'p-on-sale', deletedAt: null },
        null,
        { __typename: 'Product', id: 'p-removed', deletedAt: '2026-11-01T10:00:00.000Z' },
        { __typename: 'Product', id: 'p-also-on-sale', deletedAt: null },
      ],
    };
    expect(catalog.onSaleIds(answer)).toEqual(new Set(['p-on-sale', 'p-also-on-sale']));
  });

  it('is empty for an answer with no entities', () => {
    expect(catalog.onSaleIds({ _entities: [] })).toEqual(new Set());
  });
});
