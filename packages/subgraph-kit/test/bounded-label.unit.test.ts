import { BoundedLabel, OTHER_LABEL } from '../src';

describe('BoundedLabel', () => {
  it('keeps the first distinct values up to the limit, and labels every later one other', () => {
    const names = new BoundedLabel(2);
    expect(['A', 'B', 'A', 'C', 'B', 'D'].map((name) => names.label(name))).toEqual([
      'A',
      'B',
      'A',
      OTHER_LABEL,
      'B',
      OTHER_LABEL,
    ]);
  });

  it('labels a value longer than its maximum length other, without spending a place on it', () => {
    const names = new BoundedLabel(1, 8);
    expect(names.label('x'.repeat(9))).toBe(OTHER_LABEL);
    expect(names.label('Short')).toBe('Short');
  });
});
