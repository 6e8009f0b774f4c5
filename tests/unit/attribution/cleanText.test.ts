import { cleanText, FIELD_MAX_LENGTH } from '../../../src/core/attribution';

describe('cleanText', () => {
  it('trims and collapses whitespace', () => {
    expect(cleanText('  a \n\n b\t c  ')).toBe('a b c');
  });

  it('removes control characters and bidi overrides', () => {
    expect(cleanText('a\u0000b\u001fc\u202ed')).toBe('abcd');
    expect(cleanText('a \u0000 b')).toBe('a b');
  });

  it('turns non-strings into ""', () => {
    expect(cleanText(null)).toBe('');
    expect(cleanText(undefined)).toBe('');
    expect(cleanText(42)).toBe('');
  });

  it('caps the length with an ellipsis', () => {
    const capped = cleanText('y'.repeat(5000));
    expect(capped).toHaveLength(FIELD_MAX_LENGTH);
    expect(capped.endsWith('…')).toBe(true);
    expect(cleanText('y'.repeat(FIELD_MAX_LENGTH))).toBe('y'.repeat(FIELD_MAX_LENGTH));
  });

  it('does not split an emoji when cutting', () => {
    const capped = cleanText(`${'y'.repeat(998)}😀😀`, 1000);
    expect(capped).toBe(`${'y'.repeat(998)}…`);
  });
});
