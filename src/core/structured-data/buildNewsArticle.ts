import type { CreativeWork, NewsArticleLeaf, Organization, Person } from 'schema-dts';
import { isAbsoluteUrl } from './isAbsoluteUrl';
import { omitEmpty } from './omitEmpty';
import type { AttributionFacts, DateInput, NewsArticleInput, OrganizationFact, TranslatorFact } from './types';

function toIsoDate(value: DateInput): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  return value ?? undefined;
}

function buildOrganization(fact: OrganizationFact): Organization {
  return omitEmpty({ '@type': 'Organization' as const, name: fact.name, url: fact.url });
}

function buildTranslator(fact: TranslatorFact): Person | Organization {
  if (fact.kind === 'person') return omitEmpty({ '@type': 'Person' as const, name: fact.name, url: fact.url });
  return buildOrganization(fact);
}

function buildTranslationOf(facts: AttributionFacts): CreativeWork | undefined {
  // Without the original's address there is nothing a reader or crawler could follow.
  if (!facts.isTranslation || !facts.originalUrl) return undefined;
  return omitEmpty({
    '@type': 'CreativeWork' as const,
    '@id': facts.originalUrl,
    url: facts.originalUrl,
    inLanguage: facts.originalLanguage,
  });
}

function buildLicense(license: string | undefined): string | CreativeWork | undefined {
  if (!license || license.trim() === '') return undefined;
  // schema.org wants a URL or a CreativeWork; a bare name ("CC BY 4.0") is the latter.
  return isAbsoluteUrl(license) ? license : { '@type': 'CreativeWork', name: license };
}

export function buildNewsArticle(input: NewsArticleInput): NewsArticleLeaf {
  const facts = input.attribution;
  return omitEmpty<NewsArticleLeaf>({
    '@type': 'NewsArticle',
    headline: input.headline,
    url: input.url ?? undefined,
    inLanguage: input.inLanguage,
    datePublished: toIsoDate(input.datePublished),
    dateModified: toIsoDate(input.dateModified),
    description: input.description ?? undefined,
    isBasedOn: facts.originalUrl,
    translationOfWork: buildTranslationOf(facts),
    translator: facts.translator ? buildTranslator(facts.translator) : undefined,
    sourceOrganization: facts.sourceOrganization ? buildOrganization(facts.sourceOrganization) : undefined,
    creditText: facts.creditText,
    copyrightNotice: facts.copyrightNotice,
    license: buildLicense(facts.license),
  });
}
