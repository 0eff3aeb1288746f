/** What every masked value becomes, as the anchor documents it (autocapture.md "Precise text masking"). */
export const MASK = '*****';

/** A user pattern: a RegExp, a source string, or the anchor's remote-config shape `{ pattern }`. */
export type MaskPattern = RegExp | string | { pattern: string; description?: string };

// Emails: something@host.tld, no whitespace.
const EMAIL = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:.]+(?:\.[^\s@<>"'(),;:.]+)+/g;
// Card numbers: 13–19 digits, single spaces or dashes between them, first digit 2–6 (the major networks),
// then Luhn-checked, so order numbers and epoch-millisecond strings survive.
const CARD = /\b[2-6](?:[ -]?\d){12,18}\b/g;
// US SSNs, dashed or bare; area 000/666/9xx, group 00 and serial 0000 are never issued.
const SSN = /\b(?!000|666|9)\d{3}([- ]?)(?!00)\d{2}\1(?!0000)\d{4}\b/g;

/** The Luhn checksum every payment card number satisfies. */
export const luhn = (digits: string): boolean => {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = +digits[i];
    if (double && (d *= 2) > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
};

/** At most this many user patterns apply, as in the anchor. */
export const MAX_MASK_PATTERNS = 25;

/**
 * Compiles user patterns into global RegExps; invalid ones are reported through `onInvalid` and skipped.
 * A leading `(?i)` (as in the anchor's docs example) becomes the `i` flag.
 * @example compilePatterns(['(?i)ends\\s*in\\s*[0-9]{4}'])
 */
export const compilePatterns = (patterns: MaskPattern[] = [], onInvalid?: (p: MaskPattern, e: unknown) => void): RegExp[] => {
  const out: RegExp[] = [];
  for (const p of patterns.slice(0, MAX_MASK_PATTERNS)) {
    try {
      let source = p instanceof RegExp ? p.source : typeof p === 'string' ? p : p.pattern;
      let flags = p instanceof RegExp ? p.flags.replace(/[gy]/g, '') : '';
      if (source.startsWith('(?i)')) {
        source = source.slice(4);
        if (!flags.includes('i')) flags += 'i';
      }
      out.push(new RegExp(source, flags + 'g'));
    } catch (e) {
      onInvalid?.(p, e);
    }
  }
  return out;
};

/**
 * Replaces emails, Luhn-valid card numbers, US SSNs and any matches of `patterns` with `*****`.
 * @example redactText('mail me at a@b.co') // 'mail me at *****'
 */
export const redactText = (text: string, patterns: RegExp[] = []): string => {
  // Cheap exit: every built-in pattern needs an `@` or a digit.
  let out = /[@\d]/.test(text)
    ? text
        .replace(EMAIL, MASK)
        .replace(CARD, (m) => (luhn(m.replace(/\D/g, '')) ? MASK : m))
        .replace(SSN, MASK)
    : text;
  for (const re of patterns) {
    re.lastIndex = 0;
    out = out.replace(re, MASK);
  }
  return out;
};
