import fc from 'fast-check';
import { alternatesByVersion, alternatesOf, buildAlternates, hreflangOf, isIndexable, isListedInGoogleNews, X_DEFAULT, type Localization } from '../../../src/core/discovery';

const page = (locale: string, seo: Localization['seo'] = null, url: string | null = `https://news.example/${locale}/story`): Localization => ({
  locale,
  url,
  seo: seo ?? { canonicalUrl: url, robots: 'index, follow', googlebotNews: null },
});

describe('isIndexable', () => {
  it('takes a page canonical to itself, or with no canonical, and robots that allow indexing', () => {
    expect(isIndexable(page('fr'))).toBe(true);
    expect(isIndexable({ url: 'https://news.example/a', seo: { canonicalUrl: null, robots: 'index, follow' } })).toBe(true);
    expect(isIndexable({ url: 'https://news.example/a' })).toBe(true);
  });

  it('leaves out noindex, none, a canonical elsewhere and a page without a URL', () => {
    expect(isIndexable(page('fr', { canonicalUrl: 'https://news.example/fr/story', robots: 'noindex, follow' }))).toBe(false);
    expect(isIndexable(page('fr', { robots: 'NONE' }))).toBe(false);
    expect(isIndexable(page('fr', { canonicalUrl: 'https://original.example/story', robots: 'index, follow' }))).toBe(false);
    expect(isIndexable({ url: null, seo: null })).toBe(false);
  });

  it('keeps googlebot-news noindex pages in the index but out of Google News', () => {
    const kept = page('fr', { canonicalUrl: 'https://news.example/fr/story', robots: 'index, follow', googlebotNews: 'noindex' });
    expect(isIndexable(kept)).toBe(true);
    expect(isListedInGoogleNews(kept)).toBe(false);
    expect(isListedInGoogleNews(page('fr'))).toBe(true);
  });
});

describe('buildAlternates', () => {
  it('names every indexable localization, itself included, then x-default for the default locale', () => {
    expect(buildAlternates([page('fr'), page('en'), page('el')], 'fr')).toEqual([
      { hreflang: 'el', url: 'https://news.example/el/story' },
      { hreflang: 'en', url: 'https://news.example/en/story' },
      { hreflang: 'fr', url: 'https://news.example/fr/story' },
      { hreflang: X_DEFAULT, url: 'https://news.example/fr/story' },
    ]);
  });

  it('has no x-default when the default locale has no indexable localization', () => {
    const noindexFrench = page('fr', { robots: 'noindex, follow' });
    expect(buildAlternates([noindexFrench, page('en')], 'fr')).toEqual([{ hreflang: 'en', url: 'https://news.example/en/story' }]);
  });

  it('writes locale codes as BCP 47', () => {
    expect(hreflangOf('pt_BR')).toBe('pt-BR');
    expect(buildAlternates([page('pt_BR')], null)).toEqual([{ hreflang: 'pt-BR', url: 'https://news.example/pt_BR/story' }]);
  });

  it('gives a page that is not indexable no alternates, and no page names it', () => {
    const elsewhere = page('en', { canonicalUrl: 'https://original.example/story', robots: 'index, follow' });
    expect(alternatesOf(elsewhere, [page('fr')], 'fr')).toEqual([]);
    expect(alternatesOf(page('fr'), [elsewhere], 'fr').map((alternate) => alternate.hreflang)).toEqual(['fr', X_DEFAULT]);
  });

  it('is reciprocal: every alternate of a page names the page, with the same list', () => {
    const localization = fc.record({
      locale: fc.constantFrom('fr', 'en', 'el', 'de', 'pt-BR'),
      robots: fc.constantFrom('index, follow', 'noindex, follow'),
      canonicalElsewhere: fc.boolean(),
      hasUrl: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.uniqueArray(localization, { selector: (entry) => entry.locale, maxLength: 5 }), fc.constantFrom('fr', 'en', null), (entries, defaultLocale) => {
        const pages = entries.map(({ locale, robots, canonicalElsewhere, hasUrl }) => {
          const url = hasUrl ? `https://news.example/${locale}/story` : null;
          return { locale, url, seo: { robots, canonicalUrl: canonicalElsewhere ? 'https://original.example/story' : url } };
        });
        const listOf = (target: Localization) => alternatesOf(target, pages.filter((other) => other !== target), defaultLocale);
        for (const current of pages) {
          const list = listOf(current);
          if (!isIndexable(current)) {
            expect(list).toEqual([]);
            continue;
          }
          expect(list).toContainEqual({ hreflang: current.locale, url: current.url });
          for (const alternate of list.filter((entry) => entry.hreflang !== X_DEFAULT)) {
            const target = pages.find((candidate) => candidate.url === alternate.url)!;
            expect(isIndexable(target)).toBe(true);
            expect(listOf(target)).toEqual(list);
          }
        }
      })
    );
  });
});

describe('alternatesByVersion', () => {
  const version = (id: number, documentId: string, locale: string, published: boolean, seo: Localization['seo'] = null) => ({
    ...page(locale, seo, `https://news.example/${documentId}/${locale}`),
    id,
    documentId,
    published,
  });

  it('gives each published version its document’s list and each draft the list of its locale’s published version', () => {
    const lists = alternatesByVersion(
      [version(1, 'a', 'fr', false), version(2, 'a', 'fr', true), version(3, 'a', 'en', false), version(4, 'a', 'en', true), version(5, 'b', 'fr', true)],
      'fr'
    );
    const expected = [
      { hreflang: 'en', url: 'https://news.example/a/en' },
      { hreflang: 'fr', url: 'https://news.example/a/fr' },
      { hreflang: X_DEFAULT, url: 'https://news.example/a/fr' },
    ];
    for (const id of [1, 2, 3, 4]) expect(lists.get(id)).toEqual(expected);
    expect(lists.get(5)).toEqual([
      { hreflang: 'fr', url: 'https://news.example/b/fr' },
      { hreflang: X_DEFAULT, url: 'https://news.example/b/fr' },
    ]);
  });

  it('never names a draft, and gives a locale that is only a draft no list', () => {
    const lists = alternatesByVersion([version(1, 'a', 'fr', true), version(2, 'a', 'en', false)], 'en');
    expect(lists.get(1)).toEqual([{ hreflang: 'fr', url: 'https://news.example/a/fr' }]);
    expect(lists.get(2)).toEqual([]);
  });

  it('gives a noindex version no list, and leaves it out of the others’', () => {
    const hidden = version(2, 'a', 'en', true, { canonicalUrl: 'https://news.example/a/en', robots: 'noindex, follow' });
    const lists = alternatesByVersion([version(1, 'a', 'fr', true), hidden], 'fr');
    expect(lists.get(2)).toEqual([]);
    expect(lists.get(1)?.map((alternate) => alternate.hreflang)).toEqual(['fr', X_DEFAULT]);
  });
});
