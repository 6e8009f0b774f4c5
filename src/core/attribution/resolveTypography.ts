import type { CreditRole } from './types';

export interface Typography {
  labels: Record<CreditRole, string>;
  /** Between the label and the value. */
  colon: string;
  /** Between the parts of one value, e.g. translator and outlet. */
  dash: string;
}

const NBSP = '\u00a0';

const ENGLISH: Typography = {
  labels: {
    original: 'Source',
    author: 'Author',
    photo: 'Photo',
    translation: 'Translation',
    adaptation: 'Adaptation',
    via: 'Via',
  },
  colon: ': ',
  dash: ' – ',
};

// French typography puts a space on both sides of a colon and a dash; it must be
// a no-break space or the colon can wrap alone onto the next line.
const FRENCH: Typography = {
  labels: {
    original: 'Source',
    author: 'Auteur',
    photo: 'Photo',
    translation: 'Traduction',
    adaptation: 'Adaptation',
    via: 'Via',
  },
  colon: `${NBSP}:${NBSP}`,
  dash: `${NBSP}–${NBSP}`,
};

const BY_LANGUAGE: Record<string, Typography> = { en: ENGLISH, fr: FRENCH };

export function resolveTypography(locale: string | null | undefined): Typography {
  const language = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return Object.prototype.hasOwnProperty.call(BY_LANGUAGE, language) ? BY_LANGUAGE[language]! : ENGLISH;
}
