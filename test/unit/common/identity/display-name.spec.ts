import { displayNameProblem, normaliseDisplayName } from '../../../../src/common/identity/display-name';

const accepted = (name: string) => displayNameProblem(normaliseDisplayName(name)) === undefined;

describe('display names', () => {
  describe('normaliseDisplayName', () => {
    it.each([
      ['surrounding whitespace', '  Ada \n', 'Ada'],
      ['runs of spaces', 'Ada   Lovelace', 'Ada Lovelace'],
      ['Unicode spaces (no-break, ideographic, em)', 'Ada\u00a0\u3000\u2003Lovelace', 'Ada Lovelace'],
      ['fullwidth letters (NFKC)', '\uff21\uff44\uff41', 'Ada'],
      ['decomposed accents (NFKC composes)', 'Jose\u0301', 'Jos\u00e9'],
    ])('maps %s', (_label, input, expected) => {
      expect(normaliseDisplayName(input)).toBe(expected);
    });

    it('keeps controls and invisible characters for the rule to refuse, never drops them', () => {
      expect(normaliseDisplayName('ad\u200bmin')).toBe('ad\u200bmin');
    });
  });

  describe('displayNameProblem', () => {
    it.each([
      ['the issue example', 'admin\u202e\u0000<script>'],
      ['NUL', 'a\u0000b'],
      ['a tab inside', 'a\tb'],
      ['a newline inside', 'a\nb'],
      ['DEL', 'a\u007fb'],
      ['right-to-left override', 'a\u202eb'],
      ['left-to-right embedding', 'a\u202ab'],
      ['pop directional formatting', 'a\u202cb'],
      ['right-to-left isolate', 'a\u2067b'],
      ['pop directional isolate', 'a\u2069b'],
      ['right-to-left mark', 'a\u200fb'],
      ['zero-width space', 'ad\u200bmin'],
      ['zero-width non-joiner', 'ad\u200cmin'],
      ['a zero-width joiner between letters', 'ad\u200dmin'],
      ['word joiner', 'a\u2060b'],
      ['byte-order mark inside', 'a\ufeffb'],
      ['soft hyphen', 'ad\u00admin'],
      ['Hangul filler', '\u3164'],
      ['a lone surrogate', 'a\ud800b'],
      ['private use', 'a\ue000b'],
      ['line separator', 'a\u2028b'],
      ['an unassigned code point', 'a\u{10ffff}b'],
      ['tag characters outside a flag', 'a\u{e0041}b'],
    ])('refuses %s', (_label, name) => {
      expect(displayNameProblem(normaliseDisplayName(name))).toMatch(/control|invisible/);
    });

    it.each([
      ['plain text', 'Ada Lovelace'],
      ['HTML, which is text', '<b>Ann</b> & <script>alert(1)</script>'],
      ['Arabic (right-to-left text needs no marks)', '\u0639\u0644\u064a'],
      ['Devanagari with combining marks', '\u0926\u0947\u0935'],
      ['CJK', '\u5c71\u7530\u592a\u90ce'],
      ['a ZWJ family emoji', '\u{1f468}\u200d\u{1f469}\u200d\u{1f467}'],
      ['an emoji with a variation selector', '\u2764\ufe0f'],
      ['a keycap', '1\ufe0f\u20e3'],
      ['a skin tone', '\u{1f44d}\u{1f3fd}'],
      ['a country flag', '\u{1f1eb}\u{1f1f7}'],
      ['a subdivision flag (tag sequence)', '\u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}'],
    ])('accepts %s', (_label, name) => {
      expect(accepted(name)).toBe(true);
    });

    it('counts code points after normalisation: 64 emoji are accepted, 65 are not', () => {
      expect(accepted('\u{1f600}'.repeat(64))).toBe(true);
      expect(displayNameProblem('\u{1f600}'.repeat(65))).toMatch(/1 to 64/);
    });

    it('measures after collapsing spaces', () => {
      expect(accepted(`${'a'.repeat(32)}     ${'b'.repeat(31)}`)).toBe(true);
    });

    it.each(['', ' ', '\u3000'])('refuses a name that is empty after normalisation (%j)', (name) => {
      expect(displayNameProblem(normaliseDisplayName(name))).toMatch(/1 to 64/);
    });
  });
});
