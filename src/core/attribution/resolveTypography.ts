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

/**
 * French puts a space before a colon and after it, but not the same one: a no-break space
 * (U+00A0, "espace insécable", not the narrow U+202F that ; ! ? take) before, so that the
 * colon never starts a line, and an ordinary space after, so that a long value such as a URL
 * can wrap after the colon. Source: Lexique des règles typographiques en usage à
 * l'Imprimerie nationale, "Ponctuation" (deux-points: espace insécable avant, espace
 * justifiante après). The dash of an incise follows the same logic: no-break before, ordinary
 * after.
 */
const FRENCH: Typography = {
  labels: {
    original: 'Source',
    author: 'Auteur',
    photo: 'Photo',
    translation: 'Traduction',
    adaptation: 'Adaptation',
    via: 'Via',
  },
  colon: `${NBSP}: `,
  dash: `${NBSP}– `,
};

const BY_LANGUAGE: Record<string, Typography> = { en: ENGLISH, fr: FRENCH };

export function resolveTypography(locale: string | null | undefined): Typography {
  const language = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return Object.prototype.hasOwnProperty.call(BY_LANGUAGE, language) ? BY_LANGUAGE[language]! : ENGLISH;
}
