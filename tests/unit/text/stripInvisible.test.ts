import fc from 'fast-check';
import { stripInvisible } from '../../../src/core/text';

describe('stripInvisible', () => {
  it('removes bidi overrides and isolates, so a file name reads as what it is', () => {
    expect(stripInvisible('https://evil.test/\u202Egpj.exe')).toBe('https://evil.test/gpj.exe');
    expect(stripInvisible('a\u202Ab\u202Bc\u202Cd\u202De\u2066f\u2067g\u2068h\u2069')).toBe('abcdefgh');
  });

  it('removes zero-width spaces, word joiners and byte-order marks', () => {
    expect(stripInvisible('\uFEFFpay\u200Bpal\u2060')).toBe('paypal');
  });

  it('keeps joiners that shape the text between two visible characters', () => {
    const persian = 'می\u200Cخواهم';
    const family = '👩\u200D👩\u200D👧';
    expect(stripInvisible(persian)).toBe(persian);
    expect(stripInvisible(family)).toBe(family);
  });

  it('drops joiners between two ASCII characters, where they only split a word', () => {
    expect(stripInvisible('via\u200Dgra')).toBe('viagra');
  });

  it('drops joiners that join nothing', () => {
    expect(stripInvisible('\u200Dnom\u200C')).toBe('nom');
    expect(stripInvisible('a \u200C\u200Db')).toBe('a b');
  });

  it('leaves ordinary text, right-to-left text and its marks alone', () => {
    for (const text of ['Corée du Nord', 'שלום עולם', 'مرحبا\u200Fبكم', 'Pierre & Marie Curie']) {
      expect(stripInvisible(text)).toBe(text);
    }
  });
});

describe('stripInvisible, whatever it is given', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'ש', 'ی', '\u202E', '\u2066', '\u200B', '\u200D', '\u200C', '\u2060', '\uFEFF', '😀', '\u200F') });

  it('leaves no bidi control, zero-width space, word joiner or byte-order mark', () => {
    fc.assert(fc.property(text, (value) => expect(stripInvisible(value)).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B\u2060\uFEFF]/)));
  });

  it('leaves no joiner at an end, beside a space or beside another joiner', () => {
    fc.assert(fc.property(text, (value) => expect(stripInvisible(value)).not.toMatch(/^[\u200C\u200D]|[\u200C\u200D]$|[\s\u200C\u200D][\u200C\u200D]|[\u200C\u200D]\s/u)));
  });

  it('changes nothing when run twice', () => {
    fc.assert(fc.property(text, (value) => expect(stripInvisible(stripInvisible(value))).toBe(stripInvisible(value))), { numRuns: 2000 });
  });
});
