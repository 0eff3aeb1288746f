import { describe, expect, it } from 'vitest';
import { compilePatterns, luhn, MASK, redactText } from './redact';

describe('redactText', () => {
  it.each([
    // Emails (autocapture.md: "mask any text content that looks like … email address").
    ['Contact jane.doe@example.com today', `Contact ${MASK} today`],
    ['a+tag@sub.example.co.uk', MASK],
    ['two: a@b.io, c@d.io', `two: ${MASK}, ${MASK}`],
    ['no at sign here', 'no at sign here'],
    ['@handle and user@localhost', '@handle and user@localhost'],
    // Card numbers, Luhn-checked, with spaces or dashes.
    ['Card 4111 1111 1111 1111 ok', `Card ${MASK} ok`],
    ['4111-1111-1111-1111', MASK],
    ['5555555555554444', MASK],
    ['378282246310005', MASK], // Amex, 15 digits
    ['4111 1111 1111 1112', '4111 1111 1111 1112'], // fails Luhn
    ['order 1716200000000', 'order 1716200000000'], // epoch ms: starts with 1
    ['1234', '1234'],
    // US SSNs, dashed, spaced or bare.
    ['SSN 123-45-6789', `SSN ${MASK}`],
    ['123 45 6789', MASK],
    ['123456789', MASK],
    ['000-12-3456', '000-12-3456'], // never issued
    ['666-12-3456', '666-12-3456'],
    ['123-00-4567', '123-00-4567'],
    ['123-45-0000', '123-45-0000'],
    ['12-34-56789', '12-34-56789'],
  ])('%j → %j', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('applies user patterns after the built-in ones', () => {
    // The docs' example: fully mask "ends in 1234" card hints.
    const patterns = compilePatterns(['(?i)ends\\s*in\\s*[0-9]{4}']);
    expect(redactText('Visa ENDS IN 1234', patterns)).toBe(`Visa ${MASK}`);
    expect(redactText('Visa ends in 1234, again ends in 9999', patterns)).toBe(`Visa ${MASK}, again ${MASK}`);
  });

  it('runs a stateful global RegExp the same way every time', () => {
    const patterns = compilePatterns([/secret-\d+/g]);
    expect(redactText('secret-1', patterns)).toBe(MASK);
    expect(redactText('secret-2', patterns)).toBe(MASK);
  });
});

describe('compilePatterns', () => {
  it('accepts RegExp, source strings and { pattern } objects, keeping flags', () => {
    const [a, b, c] = compilePatterns([/abc/i, 'x\\d', { pattern: 'zz', description: 'z' }]);
    expect([a.source, a.flags]).toEqual(['abc', 'gi']);
    expect([b.source, b.flags]).toEqual(['x\\d', 'g']);
    expect([c.source, c.flags]).toEqual(['zz', 'g']);
  });

  it('skips invalid patterns and reports them', () => {
    const bad: unknown[] = [];
    expect(compilePatterns(['(', 'ok'], (p) => bad.push(p))).toHaveLength(1);
    expect(bad).toEqual(['(']);
  });

  it('keeps at most 25 patterns', () => {
    expect(compilePatterns(Array.from({ length: 30 }, (_, i) => `p${i}`))).toHaveLength(25);
  });
});

describe('luhn', () => {
  it.each([
    ['4111111111111111', true],
    ['79927398713', true],
    ['79927398710', false],
  ])('%s → %s', (digits, valid) => expect(luhn(digits)).toBe(valid));
});
