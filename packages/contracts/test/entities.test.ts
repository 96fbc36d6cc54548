import { entitiesOf, representationsOf } from '../src/entities';

type Answer = { __typename: 'Category' } | { __typename: 'Product'; id: string; name: string };

describe('entity lookups', () => {
  it('asks for one representation per id, in order, duplicates included', () => {
    expect(representationsOf('Product', ['p-2', 'p-1', 'p-2'])).toEqual([
      { __typename: 'Product', id: 'p-2' },
      { __typename: 'Product', id: 'p-1' },
      { __typename: 'Product', id: 'p-2' },
    ]);
  });

  it('keeps the entities of the type asked for and the nulls of unknown keys, in order', () => {
    const answer: (Answer | null)[] = [{ __typename: 'Product', id: 'p-1', name: 'Cup' }, null];
    expect(entitiesOf('Product', answer)).toEqual([{ __typename: 'Product', id: 'p-1', name: 'Cup' }, null]);
  });

  it('refuses an answer of another type than the one asked for', () => {
    const answer: (Answer | null)[] = [{ __typename: 'Category' }];
    expect(() => entitiesOf('Product', answer)).toThrow('asked for Product entities, got a Category');
  });
});
