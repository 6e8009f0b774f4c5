import type { AttributionFacts, OrganizationFact, TranslatorFact } from '../structured-data';
import { cleanText } from './cleanText';
import { findOriginalUrl } from './findOriginalUrl';
import { buildCreditLines } from './renderAttribution';
import { resolveTypography } from './resolveTypography';
import { toHttpUrl } from './toHttpUrl';
import type { Credit, CreditSource } from './types';

function optional(value: string | null | undefined): string | undefined {
  return value ? value : undefined;
}

function describeTranslator(credit: Credit | undefined): TranslatorFact | undefined {
  if (!credit) return undefined;
  const person = cleanText(credit.person);
  if (person) return { name: person, kind: 'person' };
  const source = credit.source;
  const name = cleanText(source?.name);
  if (!source || !name) return undefined;
  return {
    name,
    kind: source.kind === 'person' ? 'person' : 'organization',
    url: optional(toHttpUrl(source.website)),
  };
}

function describeOrganization(source: CreditSource | null | undefined): OrganizationFact | undefined {
  const name = cleanText(source?.name);
  // A source that is a person is not an Organization for schema.org.
  if (!source || !name || source.kind === 'person') return undefined;
  return { name, url: optional(toHttpUrl(source.website)) };
}

export function describeAttributionFacts(credits: readonly Credit[], locale: string): AttributionFacts {
  const originals = credits.filter((credit) => credit.role === 'original');
  const originalSource = originals.find((credit) => credit.source)?.source;
  const licenseName = cleanText(originalSource?.license);
  const licenseUrl = toHttpUrl(originalSource?.licenseUrl) ?? toHttpUrl(licenseName);
  const typography = resolveTypography(locale);
  const creditText = buildCreditLines(credits, typography)
    .map((line) => `${line.label}${typography.colon}${line.text}`)
    .join('; ');

  const facts: AttributionFacts = { isTranslation: credits.some((credit) => credit.role === 'translation') };
  const assign = <K extends keyof AttributionFacts>(key: K, value: AttributionFacts[K] | undefined) => {
    if (value !== undefined && value !== '') facts[key] = value;
  };
  assign('originalUrl', optional(findOriginalUrl(credits)));
  assign('originalLanguage', optional(originals.map((credit) => cleanText(credit.language)).find(Boolean)));
  assign('translator', describeTranslator(credits.find((credit) => credit.role === 'translation')));
  assign('sourceOrganization', describeOrganization(originalSource));
  assign('creditText', creditText);
  // A licence given as words ("All rights reserved", "CC BY 4.0") is what the
  // rights holder asks to be shown; one given as a URL is only a link.
  assign('copyrightNotice', licenseName && !toHttpUrl(licenseName) ? licenseName : undefined);
  assign('license', licenseUrl ?? optional(licenseName));
  return facts;
}
