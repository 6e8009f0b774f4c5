import { asPublic, createFullAccessToken, graphql, loginAsSuperAdmin } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

/** The Site's defaultLocale and Strapi's i18n default locale are one setting, whichever door changes it. */
describe('one default locale', () => {
  let app: TestApp;
  let token: string;
  const i18nDefault = () => app.strapi.plugin('i18n').service('locales').getDefaultLocale();
  const siteDefault = async () => (await app.strapi.db.query('api::site.site').findOne({})).defaultLocale;

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createFullAccessToken(app);
    const make = newsroom(app);
    await make.site({ defaultLocale: 'fr' });
    const monde = await make.category('Monde');
    await make.translateCategory(monde.documentId, 'en', 'World');
    const story: any = await make.article('Histoire', { published: true, category: monde.documentId });
    await app.strapi.documents('api::article.article').update({ documentId: story.documentId, locale: 'en', status: 'published', data: { title: 'Story', category: monde.documentId } } as any);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('makes the Site’s default locale i18n’s, so lists without a locale answer in it, over REST and GraphQL', async () => {
    expect(await i18nDefault()).toBe('fr');
    const titles = (await asPublic(app).get('/api/articles').expect(200)).body.data.map((article: any) => article.title);
    expect(titles).toEqual(['Histoire']);
    const result = await graphql(app, '{ articles { title locale } }');
    expect(result.data.articles).toEqual([{ title: 'Histoire', locale: 'fr' }]);
  });

  it('follows a Site edit through REST, with its paths', async () => {
    await asPublic(app).put('/api/site').set('Authorization', `Bearer ${token}`).send({ data: { defaultLocale: 'en' } }).expect(200);
    expect(await i18nDefault()).toBe('en');
    expect((await asPublic(app).get('/api/articles').expect(200)).body.data.map((article: any) => article.title)).toEqual(['Story']);
    const english = await app.strapi.db.query('api::article.article').findOne({ where: { locale: 'en', publishedAt: { $notNull: true } } });
    expect(english.path).toBe('/blog/world/story');
  });

  it('follows i18n’s settings in the admin, and moves the Site’s paths with it', async () => {
    const admin = await loginAsSuperAdmin(app);
    const fr = await app.strapi.plugin('i18n').service('locales').findByCode('fr');
    await asPublic(app).put(`/i18n/locales/${fr.id}`).set('Authorization', `Bearer ${admin}`).send({ isDefault: true }).expect(200);
    expect(await i18nDefault()).toBe('fr');
    expect(await siteDefault()).toBe('fr');
    const english = await app.strapi.db.query('api::article.article').findOne({ where: { locale: 'en', publishedAt: { $notNull: true } } });
    expect(english.path).toBe('/en/blog/world/story');
  });

  it('refuses a default locale the site does not have, naming the field, and changes nothing', async () => {
    const response = await asPublic(app).put('/api/site').set('Authorization', `Bearer ${token}`).send({ data: { defaultLocale: 'de' } }).expect(400);
    expect(response.body.error.details.errors[0].path).toEqual(['defaultLocale']);
    expect(await siteDefault()).toBe('fr');
    expect(await i18nDefault()).toBe('fr');
  });

  it('takes the code as i18n spells it', async () => {
    await asPublic(app).put('/api/site').set('Authorization', `Bearer ${token}`).send({ data: { defaultLocale: 'EN' } }).expect(200);
    expect(await siteDefault()).toBe('en');
    expect(await i18nDefault()).toBe('en');
  });
});

describe('one default locale at boot', () => {
  it('brings i18n’s default in line with the Site’s when they disagree', async () => {
    const first = await bootStrapi();
    await newsroom(first).site({ defaultLocale: 'fr' });
    await first.strapi.plugin('i18n').service('locales').getDefaultLocale();
    // As a database from before they were one setting: i18n's changed past the Site.
    await first.strapi.store({ type: 'plugin', name: 'i18n' }).set({ key: 'default_locale', value: 'en' });
    await first.stop({ keepDatabase: true });
    const second = await bootStrapi({ database: first.database });
    try {
      expect(await second.strapi.plugin('i18n').service('locales').getDefaultLocale()).toBe('fr');
    } finally {
      await second.stop();
    }
  });
});
