import { isValidSlug, toSlug } from '../../../src/core/slug';

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
    expect(toSlug('alpha beta gamma', { maxLength: 12 })).toBe('alpha-beta');
    // Exactly at a boundary: the word before the hyphen fits.
    expect(toSlug('alpha beta gamma', { maxLength: 10 })).toBe('alpha-beta');
  });

  it('hard-cuts a single word longer than the limit', () => {
    expect(toSlug('a'.repeat(200))).toBe('a'.repeat(120));
  });

  it('rejects a nonsensical maxLength', () => {
    expect(() => toSlug('x', { maxLength: 0 })).toThrow(RangeError);
  });
});
