import { buildSeo, classifyRelationship, type Credit, type CreditSource, type SeoDirectives, type SeoOverride, type SourceAgreement } from '../../../src/core/attribution';
import { ORIGINAL_URL, SEED_CREDITS } from './fixtures';

const OWN = 'https://example.org/blog/a';
const RI_PAGE = 'https://reseauinternational.net/derriere-les-portes-closes/';
const LE_MONDE_PAGE = 'https://www.lemonde.fr/international/article/1.html';

const rt = (syndication?: SourceAgreement): CreditSource => ({ name: 'RT', language: 'en', syndication });
const ri = (syndication?: SourceAgreement): CreditSource => ({ name: 'Réseau International', language: 'fr', syndication });
const leMonde = (syndication?: SourceAgreement): CreditSource => ({ name: 'Le Monde', language: 'fr', syndication });

/** The four relationships, each built around a source whose agreement the row chooses. */
const RELATIONSHIPS = {
  own: () => [{ role: 'author', person: 'Jeanne Martin' }] as Credit[],
  republication: (agreement?: SourceAgreement): Credit[] => [{ role: 'original', url: LE_MONDE_PAGE, source: leMonde(agreement) }],
  translation: (agreement?: SourceAgreement): Credit[] => [
    { role: 'original', url: ORIGINAL_URL, language: 'en', source: rt(agreement) },
    { role: 'translation', person: 'Jeanne Martin' },
  ],
  adaptation: (agreement?: SourceAgreement): Credit[] => [
    { role: 'original', url: ORIGINAL_URL, language: 'en', source: rt(agreement) },
    { role: 'adaptation', person: 'Jeanne Martin' },
  ],
};

const indexed = (canonicalUrl: string | null = OWN): SeoDirectives => ({ canonicalUrl, robots: 'index, follow', googlebotNews: null });
const noindexed: SeoDirectives = { canonicalUrl: OWN, robots: 'noindex, follow', googlebotNews: null };
const newsNoindexed: SeoDirectives = { canonicalUrl: OWN, robots: 'index, follow', googlebotNews: 'noindex' };

type Relationship = keyof typeof RELATIONSHIPS;
const TABLE: Array<[Relationship, 'source default' | 'article override', SourceAgreement | undefined, SeoOverride, SeoDirectives]> = [
  // An article of our own: indexed under its own URL; an editor may still keep it out.
  ['own', 'source default', undefined, 'default', indexed()],
  ['own', 'article override', undefined, 'noindex', noindexed],
  ['own', 'article override', undefined, 'googlebot-news-noindex', newsNoindexed],
  ['own', 'article override', undefined, 'canonical', indexed()],
  // Someone else's page, republished: the source's agreement decides, noindex when it says nothing.
  ['republication', 'source default', undefined, 'default', noindexed],
  ['republication', 'source default', 'noindex', 'default', noindexed],
  ['republication', 'source default', 'googlebot-news-noindex', 'default', newsNoindexed],
  ['republication', 'source default', 'canonical', 'default', indexed(LE_MONDE_PAGE)],
  ['republication', 'article override', 'noindex', 'canonical', indexed(LE_MONDE_PAGE)],
  ['republication', 'article override', 'canonical', 'noindex', noindexed],
  ['republication', 'article override', 'noindex', 'googlebot-news-noindex', newsNoindexed],
  ['republication', 'article override', 'noindex', 'index', indexed()],
  // Our own translation or adaptation is a new work: indexed, own canonical, whatever the original's agreement.
  ['translation', 'source default', undefined, 'default', indexed()],
  ['translation', 'source default', 'canonical', 'default', indexed()],
  ['translation', 'article override', 'noindex', 'canonical', indexed()],
  ['translation', 'article override', undefined, 'noindex', noindexed],
  ['translation', 'article override', undefined, 'googlebot-news-noindex', newsNoindexed],
  ['adaptation', 'source default', 'noindex', 'default', indexed()],
  ['adaptation', 'source default', 'canonical', 'default', indexed()],
  ['adaptation', 'article override', undefined, 'canonical', indexed()],
  ['adaptation', 'article override', undefined, 'noindex', noindexed],
];

describe('buildSeo: the syndication policy', () => {
  it.each(TABLE)('%s, %s (agreement %s, article %s)', (relationship, _kind, agreement, override, expected) => {
    const credits = RELATIONSHIPS[relationship](agreement);
    expect(classifyRelationship(credits)).toBe(relationship);
    expect(buildSeo({ credits, override, locale: 'fr', ownUrl: OWN })).toEqual(expected);
  });

  describe("republishing someone else's translation (the seed page)", () => {
    const seed = (agreement?: SourceAgreement, url?: string): Credit[] => [
      { role: 'original', url: ORIGINAL_URL, language: 'en', source: rt('canonical') },
      { role: 'translation', person: 'Avic', source: ri(agreement), language: 'fr', ...(url ? { url } : {}) },
    ];

    it('is a republication, decided by the translator’s agreement, noindex by default', () => {
      expect(classifyRelationship(seed())).toBe('republication');
      expect(buildSeo({ credits: seed(), override: 'default', locale: 'fr', ownUrl: OWN })).toEqual(noindexed);
      expect(buildSeo({ credits: SEED_CREDITS, override: 'default', locale: 'fr', ownUrl: OWN })).toEqual(noindexed);
    });

    it('points canonical at the translation it republishes, in the same language', () => {
      expect(buildSeo({ credits: seed('canonical', RI_PAGE), override: 'default', locale: 'fr', ownUrl: OWN })).toEqual(indexed(RI_PAGE));
    });

    it('never points canonical at the original in another language', () => {
      for (const override of ['default', 'canonical'] as const) {
        const seo = buildSeo({ credits: seed('canonical'), override, locale: 'fr', ownUrl: OWN });
        expect(seo.canonicalUrl).not.toBe(ORIGINAL_URL);
        expect(seo).toEqual(noindexed);
      }
    });
  });

  it('refuses a canonical to a republished page whose language differs from the article’s', () => {
    const credits: Credit[] = [{ role: 'original', url: ORIGINAL_URL, language: 'en', source: rt('canonical') }];
    expect(buildSeo({ credits, override: 'default', locale: 'fr-FR', ownUrl: OWN })).toEqual(noindexed);
    expect(buildSeo({ credits, override: 'default', locale: 'en-GB', ownUrl: OWN })).toEqual(indexed(ORIGINAL_URL));
  });

  it('ignores an original url that is not http(s)', () => {
    const credits: Credit[] = [{ role: 'original', url: 'javascript:alert(1)', source: leMonde('canonical') }];
    expect(buildSeo({ credits, override: 'default', locale: 'fr', ownUrl: OWN })).toEqual(noindexed);
  });

  it('has no canonical at all when the article has no URL yet', () => {
    expect(buildSeo({ credits: [], override: 'default', locale: 'fr', ownUrl: null })).toEqual(indexed(null));
  });

  it('treats an unknown stored override as the default', () => {
    const credits = RELATIONSHIPS.republication();
    expect(buildSeo({ credits, override: 'none' as SeoOverride, locale: 'fr', ownUrl: OWN })).toEqual(noindexed);
    expect(buildSeo({ credits, override: null, locale: 'fr', ownUrl: OWN })).toEqual(noindexed);
  });
});
