import fc from 'fast-check';
import { isValidSlug, suffixSlug, toSlug } from '../../../src/core/slug';

describe('toSlug', () => {
  it('folds French accents', () => {
    expect(toSlug('Corée du Nord')).toBe('coree-du-nord');
  });

  it('drops punctuation from a real headline', () => {
    expect(
      toSlug('Derrière les portes closes : un haut diplomate nord-coréen arrive à Moscou pour des entretiens (VIDEO)'),
    ).toBe('derriere-les-portes-closes-un-haut-diplomate-nord-coreen-arrive-a-moscou-pour-des-entretiens-video');
  });

  it('removes typographic and straight apostrophes without splitting the word', () => {
    expect(toSlug('L’Ukraine d\'aujourd\'hui')).toBe('lukraine-daujourdhui');
  });

  it('treats other dropped punctuation as a word break', () => {
    expect(toSlug('Paris/Moscou — la suite…')).toBe('paris-moscou-la-suite');
    expect(toSlug('snake_case and dots.here')).toBe('snake-case-and-dots-here');
  });

  it('folds letters slugify does not know, without a locale', () => {
    expect(toSlug('ǎṃ ﬁnance Straße Œuvre')).toBe('am-finance-strasse-oeuvre');
  });

  it('never leaves leading, trailing or doubled hyphens', () => {
    expect(toSlug('  --Hello -- World--  ')).toBe('hello-world');
  });

  it('returns "" when nothing is sluggable', () => {
    expect(toSlug('')).toBe('');
    expect(toSlug('  !!! ??? …  ')).toBe('');
    expect(toSlug('日本語')).toBe('');
  });

  it('caps at 120 characters by default, cutting at a hyphen', () => {
    const slug = toSlug('mot '.repeat(100));
    expect(slug.length).toBeLessThanOrEqual(120);
    expect(slug.endsWith('-')).toBe(false);
    expect(slug).toBe(Array(30).fill('mot').join('-'));
    expect(isValidSlug(slug)).toBe(true);
  });

  it('honours a custom maxLength and cuts at the last whole word', () => {
    expect(toSlug('alpha beta gamma', null, { maxLength: 12 })).toBe('alpha-beta');
    // Exactly at a boundary: the word before the hyphen fits.
    expect(toSlug('alpha beta gamma', null, { maxLength: 10 })).toBe('alpha-beta');
  });

  it('hard-cuts a single word longer than the limit', () => {
    expect(toSlug('a'.repeat(200))).toBe('a'.repeat(120));
  });

  it('rejects a nonsensical maxLength', () => {
    expect(() => toSlug('x', null, { maxLength: 0 })).toThrow(RangeError);
  });

  describe('in the language of the document (slugify\'s locale tables)', () => {
    it('says "et" and "pourcent" in French, "and" and "percent" in English', () => {
      expect(toSlug('Pierre & Marie Curie', 'fr')).toBe('pierre-et-marie-curie');
      expect(toSlug('Hausse de 5 % des prix', 'fr')).toBe('hausse-de-5-pourcent-des-prix');
      expect(toSlug('Pierre & Marie Curie', 'en')).toBe('pierre-and-marie-curie');
      expect(toSlug('Prices up 5 %', 'en')).toBe('prices-up-5-percent');
    });

    it('folds Vietnamese Đ to d, while French keeps dj for names like Đoković', () => {
      expect(toSlug('Đà Nẵng', 'vi')).toBe('da-nang');
      expect(toSlug('Novak Đoković', 'fr')).toBe('novak-djokovic');
    });

    it('spells German umlauts and ß out', () => {
      expect(toSlug('Größe & Maß', 'de')).toBe('groesse-und-mass');
    });

    it('reads a regional locale by its language, and an unknown one as no locale', () => {
      expect(toSlug('Pierre & Marie', 'fr-CA')).toBe('pierre-et-marie');
      expect(toSlug('Pierre & Marie', 'xx')).toBe('pierre-and-marie');
    });
  });
});

describe('every generated slug is a valid slug (property)', () => {
  const locales = fc.constantFrom(null, 'fr', 'en', 'de', 'vi', 'fr-CA', 'xx');
  it('holds for any text, any locale, and any suffix', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), locales, fc.integer({ min: 2, max: 100_000 }), (text, locale, n) => {
        const slug = toSlug(text, locale);
        if (slug === '') return;
        expect(isValidSlug(slug)).toBe(true);
        expect(isValidSlug(suffixSlug(slug, n))).toBe(true);
      }),
      { seed: 20261130, numRuns: 2000 }
    );
  });

  it('holds for long titles of short words, where cuts land next to hyphens', () => {
    const word = fc.stringMatching(/^[a-zà-ÿ&%]{1,6}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 15, maxLength: 80 }), locales, fc.integer({ min: 2, max: 999 }), (words, locale, n) => {
        const slug = toSlug(words.join(' '), locale);
        if (slug === '') return;
        expect(isValidSlug(slug)).toBe(true);
        expect(isValidSlug(suffixSlug(slug, n))).toBe(true);
      }),
      { seed: 20261130, numRuns: 1000 }
    );
  });
});
