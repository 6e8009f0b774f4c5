import type { AgentFact, AttributionFacts, OrganizationFact, PhotoFact, TranslatorFact } from '../structured-data';
import { cleanText } from './cleanText';
import { findOriginalUrl } from './findOriginalUrl';
import { buildCreditLines } from './renderAttribution';
import { resolveTypography, type Typography } from './resolveTypography';
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

function describeSourceAgent(source: CreditSource | null | undefined): AgentFact | undefined {
  const name = cleanText(source?.name);
  if (!source || !name) return undefined;
  const url = optional(toHttpUrl(source.website));
  return { name, kind: source.kind === 'person' ? 'person' : 'organization', ...(url ? { url } : {}) };
}

/** Persons credited as authors; else the Sources credited as authors; else the original's Source. */
function describeAuthors(credits: readonly Credit[], originalSource: CreditSource | null | undefined): AgentFact[] | undefined {
  const authorCredits = credits.filter((credit) => credit.role === 'author');
  const persons: AgentFact[] = [];
  for (const credit of authorCredits) {
    const name = cleanText(credit.person);
    const url = optional(toHttpUrl(credit.url));
    if (name) persons.push({ name, kind: 'person', ...(url ? { url } : {}) });
  }
  if (persons.length > 0) return persons;
  const sources = authorCredits.map((credit) => describeSourceAgent(credit.source)).filter((agent): agent is AgentFact => Boolean(agent));
  if (sources.length > 0) return sources;
  const original = describeSourceAgent(originalSource);
  return original ? [original] : undefined;
}

function describePhoto(credit: Credit | undefined, typography: Typography): PhotoFact | undefined {
  if (!credit) return undefined;
  const person = cleanText(credit.person);
  const source = credit.source;
  const licenseName = cleanText(source?.license);
  const photo: PhotoFact = {};
  const set = <K extends keyof PhotoFact>(key: K, value: PhotoFact[K] | null | undefined | '') => {
    if (value) photo[key] = value;
  };
  set('caption', cleanText(credit.caption));
  set('creditText', [person, cleanText(source?.name)].filter(Boolean).join(typography.dash));
  set('creator', person ? { name: person, kind: 'person' } : describeSourceAgent(source));
  set('copyrightNotice', licenseName && !toHttpUrl(licenseName) ? licenseName : undefined);
  set('license', toHttpUrl(source?.licenseUrl) ?? toHttpUrl(licenseName) ?? undefined);
  set('acquireLicensePage', toHttpUrl(source?.acquireLicensePage));
  return Object.keys(photo).length > 0 ? photo : undefined;
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
  assign('authors', describeAuthors(credits, originalSource));
  assign('photo', describePhoto(credits.find((credit) => credit.role === 'photo'), typography));
  return facts;
}
