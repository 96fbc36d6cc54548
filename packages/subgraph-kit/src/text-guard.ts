/**
 * What a string a client sends may contain. PostgreSQL refuses NUL in text and
 * jsonb, unpaired UTF-16 surrogates cannot be encoded as UTF-8, other control
 * characters corrupt logs, e-mails and CSV exports, and bidirectional overrides
 * make a text display as something other than what it is ("Trojan Source").
 * Tabs and line breaks are fine in multi-line free text (a product description, a
 * review) and nowhere else. So are the invisible format characters that play no part
 * in any script or emoji sequence (a zero-width space, a word joiner, a byte order
 * mark): in a single line (a name, an e-mail address, an id, a search) they only make
 * two texts that look the same differ, the stuff of impersonation and of lookups that
 * silently miss; in free text pasted from an editor they are harmless. Everything
 * else, emoji (with their joiners and variation selectors), accents, CJK and
 * right-to-left scripts (with their joiners and directional marks) included, is
 * allowed.
 */

// C0 controls, DEL and C1 controls.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// The same without tab (U+0009), line feed (U+000A) and carriage return (U+000D).
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI. The marks (LRM, RLM, ALM) stay allowed.
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
// ZWSP, word joiner, the invisible math operators, the deprecated format characters,
// ZWNBSP / byte order mark and the interlinear annotation characters. ZWNJ and ZWJ
// (U+200C, U+200D: Persian, Indic scripts, emoji sequences) stay allowed.
const INVISIBLE_FORMAT = /[\u200b\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb]/;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a text may span lines: tabs and line breaks are allowed in multi-line free text only. */
export type TextKind = 'single-line' | 'multi-line';

/**
 * Why `value` is not acceptable text of `kind`, as the end of a `BAD_USER_INPUT`
 * message (`input.name: must not contain control characters`); null when it is fine.
 */
export function textProblem(value: string, kind: TextKind = 'single-line'): string | null {
  if (kind === 'multi-line') {
    if (CONTROL_BUT_LINE_BREAKS.test(value)) {
      return 'must not contain control characters other than tabs and line breaks';
    }
  } else if (CONTROL.test(value)) {
    return 'must not contain control characters';
  } else if (INVISIBLE_FORMAT.test(value)) {
    return 'must not contain invisible format characters (zero-width space, word joiner, byte order mark)';
  }
  if (UNPAIRED_SURROGATE.test(value)) return 'must not contain unpaired surrogates (invalid Unicode)';
  if (BIDI_CONTROL.test(value)) return 'must not contain bidirectional override or isolate characters';
  return null;
}
