import { labels, newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

/**
 * A developer adds a content type of their own (here a Dossier, filed in a category) and one
 * line of configuration. With no other code, it gets trails and follows the cascades.
 */
const dossierSchema = {
  kind: 'collectionType',
  collectionName: 'dossiers',
  info: { singularName: 'dossier', pluralName: 'dossiers', displayName: 'Dossier' },
  options: { draftAndPublish: true },
  pluginOptions: { i18n: { localized: true } },
  attributes: {
    headline: { type: 'string', pluginOptions: { i18n: { localized: true } } },
    handle: { type: 'string', pluginOptions: { i18n: { localized: true } } },
    topic: { type: 'relation', relation: 'manyToOne', target: 'api::category.category' },
    breadcrumbs: { type: 'json', pluginOptions: { i18n: { localized: true } } },
    path: { type: 'string', pluginOptions: { i18n: { localized: true } } },
  },
};

describe('a content type added by a developer follows the hook with configuration alone', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await bootStrapi({
      beforeRegister(strapi) {
        strapi.get('content-types').add('api::dossier', { dossier: { schema: dossierSchema, actions: {}, lifecycles: {} } });
        const targets = strapi.config.get('colophon.trails.targets') as unknown[];
        strapi.config.set('colophon.trails.targets', [
          ...targets,
          { uid: 'api::dossier.dossier', categoryField: 'topic', titleField: 'headline', slugField: 'handle' },
        ]);
      },
    });
    await newsroom(app).site();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('gets a trail on create and follows a category rename', async () => {
    const topic = await newsroom(app).category('Corée du Nord');
    const dossier: any = await app.strapi.documents('api::dossier.dossier' as any).create({
      locale: 'fr',
      status: 'published',
      data: { headline: 'La crise de 2017', topic: topic.documentId },
    });
    expect(dossier.handle).toBe('la-crise-de-2017');
    expect(labels(dossier.breadcrumbs)).toEqual(['Cellule44', 'Blog', 'Corée du Nord', 'La crise de 2017']);

    await app.strapi.documents('api::category.category').update({ documentId: topic.documentId, locale: 'fr', data: { name: 'Péninsule' } as any });

    const rows = await app.strapi.db.query('api::dossier.dossier' as any).findMany({ where: { documentId: dossier.documentId } });
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(labels(row.breadcrumbs)).toEqual(['Cellule44', 'Blog', 'Péninsule', 'La crise de 2017']);
      expect(row.path).toBe('/blog/coree-du-nord/la-crise-de-2017');
    }
  });
});
