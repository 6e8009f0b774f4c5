import type { CreativeWork, ImageObject, NewsArticleLeaf, Organization, Person } from 'schema-dts';
import { isAbsoluteUrl } from './isAbsoluteUrl';
import { omitEmpty } from './omitEmpty';
import type { AgentFact, AttributionFacts, DateInput, NewsArticleInput, OrganizationFact, PublisherFact } from './types';

function toIsoDate(value: DateInput): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  return value ?? undefined;
}

function buildOrganization(fact: OrganizationFact): Organization {
  return omitEmpty({ '@type': 'Organization' as const, name: fact.name, url: fact.url });
}

function buildAgent(fact: AgentFact): Person | Organization {
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

function buildPublisher(fact: PublisherFact): Organization {
  const logo: ImageObject | undefined = fact.logo && isAbsoluteUrl(fact.logo) ? { '@type': 'ImageObject', url: fact.logo } : undefined;
  return omitEmpty({ '@type': 'Organization' as const, name: fact.name, url: fact.url, logo });
}

/**
 * Google reads author to credit a work; a work of our own with no author credit is the
 * publisher's, while someone else's work is never claimed for us.
 */
function buildAuthors(input: NewsArticleInput): Array<Person | Organization> | undefined {
  const { authors, originalUrl, sourceOrganization, isTranslation } = input.attribution;
  if (authors && authors.length > 0) return authors.map(buildAgent);
  const ownWork = !originalUrl && !sourceOrganization && !isTranslation;
  if (ownWork && input.publisher) return [buildOrganization({ name: input.publisher.name, url: input.publisher.url })];
  return undefined;
}

/**
 * The image with what Google Images reads for licence details: creditText, creator,
 * copyrightNotice, license and acquireLicensePage
 * (developers.google.com/search/docs/appearance/structured-data/image-license-metadata).
 */
function buildImage(input: NewsArticleInput): ImageObject | undefined {
  const url = input.image?.url;
  if (!url || !isAbsoluteUrl(url)) return undefined;
  const photo = input.attribution.photo ?? {};
  return omitEmpty<ImageObject>({
    '@type': 'ImageObject',
    contentUrl: url,
    url,
    caption: input.image?.caption || photo.caption,
    creditText: photo.creditText,
    creator: photo.creator ? buildAgent(photo.creator) : undefined,
    copyrightNotice: photo.copyrightNotice,
    license: buildLicense(photo.license),
    acquireLicensePage: photo.acquireLicensePage && isAbsoluteUrl(photo.acquireLicensePage) ? photo.acquireLicensePage : undefined,
  } as ImageObject);
}

/**
 * One schema.org NewsArticle, typed by schema-dts, with every key that has no value left out.
 * Covers Google's Article rich result properties (headline, image, datePublished, dateModified,
 * author with name and url; developers.google.com/search/docs/appearance/structured-data/article)
 * plus where the work comes from: isBasedOn, translationOfWork, translator, sourceOrganization.
 */
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
    image: buildImage(input),
    author: buildAuthors(input),
    publisher: input.publisher ? buildPublisher(input.publisher) : undefined,
    isBasedOn: facts.originalUrl,
    translationOfWork: buildTranslationOf(facts),
    translator: facts.translator ? buildAgent(facts.translator) : undefined,
    sourceOrganization: facts.sourceOrganization ? buildOrganization(facts.sourceOrganization) : undefined,
    creditText: facts.creditText,
    copyrightNotice: facts.copyrightNotice,
    license: buildLicense(facts.license),
  });
}
