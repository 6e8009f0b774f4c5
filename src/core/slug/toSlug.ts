import slugify from 'slugify';
import { cutSlug } from './cutSlug';

export const SLUG_MAX_LENGTH = 120;

export interface SlugOptions {
  maxLength?: number;
}

const SLUGIFY_OPTIONS = { lower: true, strict: true, trim: true } as const;

// Apostrophes join the word they sit in ("l’Ukraine" -> "lukraine"); every other
// character slugify would silently drop is a word break, so "Paris/Moscou" does
// not become "parismoscou".
const APOSTROPHES = new Set(["'", '’', '‘', 'ʼ', 'ʹ', '´', '`']);
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const COMBINING_MARK = /\p{M}/gu;

function prepareCharacter(ch: string): string {
  if (APOSTROPHES.has(ch)) return '';
  // slugify's own table knows most accented Latin letters (and ß, Œ, ł…);
  // only what it does not know needs folding.
  if (slugify(ch, SLUGIFY_OPTIONS) !== '') return ch;
  if (LETTER_OR_DIGIT.test(ch)) {
    // NFKD folds what the table misses (ǎ, ṃ, ligatures like ﬁ, superscripts)
    // without depending on a locale, unlike slugify's `locale` option.
    return ch.normalize('NFKD').replace(COMBINING_MARK, '');
  }
  return ' ';
}

/**
 * The URL slug of `text` in `locale` (a BCP 47 tag such as "fr" or "fr-CA"; its language part
 * picks slugify's locale table): lowercase a-z, 0-9 and single hyphens, at most `maxLength`
 * (120) characters, cut at a word. The locale decides how symbols and some letters read:
 * "&" is "et" in French and "und" in German, "%" is "pourcent", Vietnamese "Đ" is "d" where
 * the default table (kept for French names like Đoković) says "dj". Returns "" when nothing
 * in `text` can be spelt in a URL.
 */
export function toSlug(text: string, locale?: string | null, options: SlugOptions = {}): string {
  const maxLength = options.maxLength ?? SLUG_MAX_LENGTH;
  if (!Number.isInteger(maxLength) || maxLength < 1) {
    throw new RangeError(`maxLength must be a positive integer, got ${maxLength}`);
  }
  if (typeof text !== 'string') return '';
  const prepared = Array.from(text.normalize('NFC'), prepareCharacter).join('');
  const language = typeof locale === 'string' && locale ? locale.split(/[-_]/)[0].toLowerCase() : undefined;
  const slug = slugify(prepared, { ...SLUGIFY_OPTIONS, ...(language ? { locale: language } : {}) })
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return cutSlug(slug, maxLength);
}
