import { asPublic, graphql } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

interface Rule {
  from: string;
  to: string;
  match: string;
  locale: string | null;
}

/**
 * A frontend builds its redirect map per locale: it reads the rules with their locale, asks for
 * one locale's (which include the rules written for every locale), and never gets another
 * locale's rules sending its readers away.
 */
describe('redirects show their locale, and a list asked for one locale answers that locale', () => {
  let app: TestApp;

  const documents = (uid: string) => app.strapi.documents(uid as any) as any;
  const rest = async (query: Record<string, unknown>) => (await asPublic(app).get('/api/redirects').query(query).expect(200)).body;
  const seen = (rules: Rule[]) => rules.map((rule) => `${rule.locale ?? 'any'} ${rule.match} ${rule.from} -> ${rule.to}`).sort();

  const FR = ['fr exact /blog/sport -> /blog/sports', 'fr prefix /blog/sport/ -> /blog/sports/'];
  const EN = ['en exact /en/blog/world -> /en/blog/international', 'en prefix /en/blog/world/ -> /en/blog/international/'];
  const ANY = ['any exact /promo -> /blog/sports'];

  beforeAll(async () => {
    app = await bootStrapi();
    const make = newsroom(app);
    await make.site();
    // Renames record the rules, each in the locale of what moved.
    const sport = await make.category('Sport');
    await documents('api::category.category').update({ documentId: sport.documentId, locale: 'fr', data: { slug: 'sports' } });
    const monde = await make.category('Monde');
    await make.translateCategory(monde.documentId, 'en', 'World');
    await documents('api::category.category').update({ documentId: monde.documentId, locale: 'en', data: { slug: 'international' } });
    // A rule written by hand holds in every locale.
    await app.strapi.db.query('api::redirect.redirect').create({ data: { from: '/promo', to: '/blog/sports', match: 'exact', statusCode: 302 } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe('over REST', () => {
    it('shows every rule’s locale, null for a rule of every locale, and lists them all without a locale', async () => {
      const body = await rest({});
      for (const rule of body.data) expect(rule).toHaveProperty('locale');
      expect(seen(body.data)).toEqual([...ANY, ...EN, ...FR].sort());
      expect(body.meta.pagination.total).toBe(5);
      expect(seen((await rest({ locale: '*' })).data)).toEqual([...ANY, ...EN, ...FR].sort());
    });

    it('answers ?locale=en with English rules and rules of every locale, never French ones', async () => {
      const body = await rest({ locale: 'en' });
      expect(seen(body.data)).toEqual([...ANY, ...EN].sort());
      expect(body.meta.pagination.total).toBe(3);
      expect(seen((await rest({ locale: 'fr' })).data)).toEqual([...ANY, ...FR].sort());
      // A locale with no rule of its own still gets the rules of every locale.
      expect(seen((await rest({ locale: 'de' })).data)).toEqual(ANY);
    });

    it('ANDs the locale with the other filters, and with pagination', async () => {
      expect(seen((await rest({ locale: 'en', 'filters[match][$eq]': 'prefix' })).data)).toEqual([EN[1]]);
      const page = await rest({ locale: 'fr', 'pagination[pageSize]': 1, 'pagination[page]': 2, sort: 'from:asc' });
      expect(page.meta.pagination).toMatchObject({ total: 3, pageCount: 3 });
      expect(seen(page.data)).toEqual([FR[1]]);
    });

    it('filters on locale as any Strapi filter: exactly the stored value, $null for rules of every locale', async () => {
      expect(seen((await rest({ 'filters[locale][$eq]': 'en' })).data)).toEqual(EN);
      expect(seen((await rest({ 'filters[locale][$null]': 'true' })).data)).toEqual(ANY);
      expect(seen((await rest({ 'filters[$or][0][locale][$eq]': 'en', 'filters[$or][1][locale][$null]': 'true' })).data)).toEqual([...ANY, ...EN].sort());
      expect((await rest({ sort: 'locale:asc', 'filters[locale][$notNull]': 'true' })).data.map((rule: Rule) => rule.locale)).toEqual(['en', 'en', 'fr', 'fr']);
    });

    it('shows the locale of the rule a lookup by path follows', async () => {
      const body = await rest({ 'filters[from][$eq]': '/en/blog/world/story', locale: 'en' });
      expect(body.data).toEqual([expect.objectContaining({ from: '/en/blog/world/story', to: '/en/blog/international/story', locale: 'en' })]);
    });

    it('refuses a locale that is not a code with a 400 naming locale', async () => {
      const response = await asPublic(app).get('/api/redirects?locale[0]=en&locale[1]=fr');
      expect(response.status).toBe(400);
      expect(response.body.error.details.errors).toEqual([expect.objectContaining({ path: ['locale'] })]);
    });
  });

  describe('over GraphQL', () => {
    const FIELDS = 'from to match locale';

    it('shows every rule’s locale, and lists them all without a locale', async () => {
      const { data, errors } = await graphql(app, `{ redirects { ${FIELDS} } }`);
      expect(errors).toEqual([]);
      expect(seen(data.redirects)).toEqual([...ANY, ...EN, ...FR].sort());
    });

    it('answers redirects(locale: "en") with English rules and rules of every locale, as REST does', async () => {
      const { data, errors } = await graphql(
        app,
        `query ($locale: I18NLocaleCode) { redirects(locale: $locale) { ${FIELDS} } redirects_connection(locale: $locale) { pageInfo { total } } }`,
        { locale: 'en' }
      );
      expect(errors).toEqual([]);
      expect(seen(data.redirects)).toEqual([...ANY, ...EN].sort());
      expect(data.redirects_connection.pageInfo.total).toBe(3);
      const french = await graphql(app, `{ redirects(locale: "fr", filters: { match: { eq: "exact" } }) { ${FIELDS} } }`);
      expect(seen(french.data.redirects)).toEqual([ANY[0], FR[0]].sort());
    });

    it('filters on locale exactly, as REST does', async () => {
      const english = await graphql(app, `{ redirects(filters: { locale: { eq: "en" } }) { ${FIELDS} } }`);
      expect(english.errors).toEqual([]);
      expect(seen(english.data.redirects)).toEqual(EN);
      const everyLocale = await graphql(app, `{ redirects(filters: { locale: { null: true } }) { ${FIELDS} } }`);
      expect(seen(everyLocale.data.redirects)).toEqual(ANY);
    });

    it('shows the locale of the rule a lookup by path follows', async () => {
      const { data } = await graphql(app, `{ redirects(locale: "fr", filters: { from: { eq: "/blog/sport/tennis" } }) { ${FIELDS} } }`);
      expect(data.redirects).toEqual([{ from: '/blog/sport/tennis', to: '/blog/sports/tennis', match: 'prefix', locale: 'fr' }]);
    });
  });
});
