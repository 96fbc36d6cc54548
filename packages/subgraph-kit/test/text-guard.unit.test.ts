import { textProblem, type TextKind } from '../src';

const CONTROL = 'must not contain control characters';
const CONTROL_MULTILINE = 'must not contain control characters other than tabs and line breaks';
const SURROGATE = 'must not contain unpaired surrogates (invalid Unicode)';
const BIDI = 'must not contain bidirectional override or isolate characters';
const INVISIBLE = 'must not contain invisible format characters (zero-width space, word joiner, byte order mark)';

describe('textProblem', () => {
  it.each<[string, string, TextKind, string]>([
    ['NUL', 'head\u0000phone', 'single-line', CONTROL],
    ['NUL in multi-line text', 'head\u0000phone', 'multi-line', CONTROL_MULTILINE],
    ['another C0 control (BEL)', 'ring\u0007', 'single-line', CONTROL],
    ['ESC (terminal escape sequences)', '\u001b[31mred', 'multi-line', CONTROL_MULTILINE],
    ['the last C0 control (US)', 'a\u001fb', 'single-line', CONTROL],
    ['vertical tab in multi-line text', 'a\u000bb', 'multi-line', CONTROL_MULTILINE],
    ['form feed in multi-line text', 'a\u000cb', 'multi-line', CONTROL_MULTILINE],
    ['DEL', 'a\u007fb', 'single-line', CONTROL],
    ['a C1 control (NEL)', 'a\u0085b', 'multi-line', CONTROL_MULTILINE],
    ['the last C1 control', 'a\u009fb', 'single-line', CONTROL],
    ['a tab in single-line text', 'a\tb', 'single-line', CONTROL],
    ['a line feed in single-line text', 'a\nb', 'single-line', CONTROL],
    ['a carriage return in single-line text', 'a\rb', 'single-line', CONTROL],
    ['a lone high surrogate', 'a\ud83db', 'single-line', SURROGATE],
    ['a lone high surrogate at the end', 'smile \ud83d', 'multi-line', SURROGATE],
    ['a lone low surrogate', '\ude00 a', 'single-line', SURROGATE],
    ['surrogates in the wrong order', '\ude00\ud83d', 'single-line', SURROGATE],
    ['LRE (U+202A)', 'a\u202ab', 'single-line', BIDI],
    ['RLO (U+202E), the Trojan Source override', 'invoice\u202efdp.exe', 'multi-line', BIDI],
    ['PDF (U+202C)', 'a\u202cb', 'single-line', BIDI],
    ['LRI (U+2066)', 'a\u2066b', 'single-line', BIDI],
    ['PDI (U+2069)', 'a\u2069b', 'multi-line', BIDI],
    ['a byte order mark (U+FEFF) in front', '\ufeffAdatum', 'single-line', INVISIBLE],
    ['a zero-width no-break space (U+FEFF) at the end', 'Adatum\ufeff', 'single-line', INVISIBLE],
    ['a zero-width space (U+200B)', 'Ada\u200btum', 'single-line', INVISIBLE],
    ['a word joiner (U+2060)', 'Ada\u2060tum', 'single-line', INVISIBLE],
    ['an invisible times (U+2062)', 'a\u2062b', 'single-line', INVISIBLE],
    ['a deprecated format character (U+206A)', 'a\u206ab', 'single-line', INVISIBLE],
    ['the last deprecated format character (U+206F)', 'a\u206fb', 'single-line', INVISIBLE],
    ['an interlinear annotation anchor (U+FFF9)', 'a\ufff9b', 'single-line', INVISIBLE],
    ['an interlinear annotation terminator (U+FFFB)', 'a\ufffbb', 'single-line', INVISIBLE],
  ])('refuses %s', (_case, value, kind, problem) => {
    expect(textProblem(value, kind)).toBe(problem);
  });

  it.each<[string, string, TextKind]>([
    ['plain ASCII', 'Wireless headphones', 'single-line'],
    ['the empty string', '', 'single-line'],
    ['accents', 'Crème brûlée à la française, Ærøskøbing', 'single-line'],
    ['emoji, paired surrogates and ZWJ sequences', 'Great 😀👍🏽 👩‍👩‍👧', 'single-line'],
    ['CJK', '无线耳机 ワイヤレスイヤホン 무선 이어폰', 'single-line'],
    ['right-to-left text without overrides', 'سماعات لاسلكية אוזניות', 'single-line'],
    ['the directional marks LRM, RLM and ALM', 'a\u200eb\u200fc\u061cd', 'single-line'],
    ['a no-break space and a zero-width joiner', 'a\u00a0b\u200dc', 'single-line'],
    [
      'the characters next to the refused ranges',
      '\u00a0 \u200a \u200c \u2029 \u202f \u205f \u2065 \u2070 \ufefc \ufffc',
      'single-line',
    ],
    ['zero-width non-joiners in Persian', 'می\u200cخواهم', 'single-line'],
    [
      'emoji with variation selectors, keycaps and tag sequences',
      '\u2764\ufe0f 1\ufe0f\u20e3 \u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}',
      'single-line',
    ],
    ['a soft hyphen', 'Donau\u00addampf\u00adschiff', 'single-line'],
    ['a byte order mark and zero-width spaces in multi-line text', '\ufeffpasted\u200b text\n\u2060', 'multi-line'],
    ['tabs and line breaks in multi-line text', 'First line\r\n\tindented\nlast', 'multi-line'],
    ['emoji in multi-line text', 'Love it 😍\nWould buy again', 'multi-line'],
  ])('accepts %s', (_case, value, kind) => {
    expect(textProblem(value, kind)).toBeNull();
  });

  it('treats text as single-line unless told otherwise', () => {
    expect(textProblem('a\nb')).toBe(CONTROL);
  });
});
