import slugify from 'slugify';

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

function cutAtHyphen(slug: string, maxLength: number): string {
  if (slug.length <= maxLength) return slug;
  const head = slug.slice(0, maxLength + 1);
  const lastHyphen = head.lastIndexOf('-');
  // A single word longer than the limit has no boundary to cut at.
  const cut = lastHyphen > 0 ? head.slice(0, lastHyphen) : head.slice(0, maxLength);
  return cut.replace(/-+$/, '');
}

export function toSlug(text: string, options: SlugOptions = {}): string {
  const maxLength = options.maxLength ?? SLUG_MAX_LENGTH;
  if (!Number.isInteger(maxLength) || maxLength < 1) {
    throw new RangeError(`maxLength must be a positive integer, got ${maxLength}`);
  }
  if (typeof text !== 'string') return '';
  const prepared = Array.from(text.normalize('NFC'), prepareCharacter).join('');
  const slug = slugify(prepared, SLUGIFY_OPTIONS).replace(/-+/g, '-').replace(/^-|-$/g, '');
  return cutAtHyphen(slug, maxLength);
}
