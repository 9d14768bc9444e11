/** Bounds of a display name, in Unicode code points after normalisation. */
export const DISPLAY_NAME_MIN_LENGTH = 1;
export const DISPLAY_NAME_MAX_LENGTH = 64;

/**
 * The most UTF-16 units a valid name can take (every code point may need two): the database
 * schema's cap, so the schema can never be the first to refuse a name this rule accepted.
 */
export const DISPLAY_NAME_MAX_UTF16_UNITS = DISPLAY_NAME_MAX_LENGTH * 2;

// Whole emoji sequences (ZWJ families, keycaps, flags, skin tones, tag flags) are the one place
// where invisible joiners and selectors are legitimate; they are set aside before the check.
// A RegExp object, not a literal: the `v` flag needs a newer compile target than ours.
const EMOJI_SEQUENCE = new RegExp('\\p{RGI_Emoji}', 'gv');

// Controls (Cc), format characters (Cf: bidi embeddings/overrides/isolates, zero-width space
// and joiners, BOM...), lone surrogates (Cs), private use (Co), unassigned (Cn), line and
// paragraph separators, and everything Unicode says to render as nothing
// (Default_Ignorable_Code_Point: variation selectors, Hangul fillers, tags...).
const INVISIBLE_OR_CONTROL = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;

const SPACES = /\p{Zs}+/gu;

/**
 * Maps a display name to its normal form, in the spirit of RFC 8266 (PRECIS Nickname profile):
 * NFKC, every Unicode space to U+0020, runs of spaces collapsed, surrounding whitespace trimmed.
 * Apart from surrounding whitespace (what String.prototype.trim removes), nothing is dropped:
 * controls and invisible characters stay in place for displayNameProblem() to refuse.
 */
export function normaliseDisplayName(name: string): string {
  return name.normalize('NFKC').trim().replace(SPACES, ' ');
}

/**
 * THE display-name rule, for a name already through normaliseDisplayName(): why it is refused,
 * or undefined when it is acceptable. Length counts code points, so 64 emoji are 64.
 * HTML is text here (`<b>` is a fine name): clients render names as text, and nothing this
 * service serves interprets them (JSON bodies, text/plain with nosniff, a CSP without inline
 * scripts).
 */
export function displayNameProblem(name: string): string | undefined {
  if (INVISIBLE_OR_CONTROL.test(name.replace(EMOJI_SEQUENCE, ''))) {
    return 'must not contain control, formatting, bidirectional or invisible characters';
  }
  const length = [...name].length;
  if (length < DISPLAY_NAME_MIN_LENGTH || length > DISPLAY_NAME_MAX_LENGTH) {
    return `must be ${DISPLAY_NAME_MIN_LENGTH} to ${DISPLAY_NAME_MAX_LENGTH} characters long`;
  }
  return undefined;
}
