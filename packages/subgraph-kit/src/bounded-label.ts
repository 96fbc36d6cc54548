/** The label every value past a `BoundedLabel`'s limit is counted under. */
export const OTHER_LABEL = 'other';

/**
 * Keeps a metric label that clients influence (an operation name) from growing without
 * bound: the first `limit` distinct values seen keep their own label, every later one
 * is `other`, and a value longer than `maxLength` characters is `other` from the start.
 * Each series costs the scraper memory for ever, so a client sending a fresh name per
 * request must not create a series per request.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(
    readonly limit: number,
    private readonly maxLength = 100,
  ) {}

  /** `value` when it is among the first `limit` distinct values, else `other`. */
  label(value: string): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.limit || value.length > this.maxLength) return OTHER_LABEL;
    this.seen.add(value);
    return value;
  }
}
