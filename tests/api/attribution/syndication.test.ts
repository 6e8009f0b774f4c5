import { asPublic, createFullAccessToken, graphql } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';
import { migrateSyndication } from '../../../src/strapi/attribution/migrate-syndication';

const LE_MONDE_PAGE = 'https://www.lemonde.fr/international/article/1.html';

describe('syndication by relationship, end to end', () => {
  let app: TestApp;
  let token: string;
  let leMonde: { documentId: string };
  let republished: { documentId: string };

  const seoOf = async (documentId: string) =>
    (await asPublic(app).get(`/api/articles/${documentId}`).query({ locale: 'fr' }).expect(200)).body.data.seo;

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createFullAccessToken(app);
    await newsroom(app).site();
    leMonde = await app.strapi.documents('api::source.source').create({ data: { name: 'Le Monde', kind: 'outlet', language: 'fr' } as any });
    republished = await newsroom(app).article('Repris du Monde', {
      published: true,
      data: { credits: [{ role: 'original', url: LE_MONDE_PAGE, source: leMonde.documentId }] },
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('keeps a republication out of the index by default, under its own URL', async () => {
    expect(await seoOf(republished.documentId)).toEqual({
      canonicalUrl: expect.stringMatching(/^https:\/\/example\.org\/blog\/repris-du-monde/),
      robots: 'noindex, follow',
      googlebotNews: null,
      // Kept out of the index, so offered as no one's alternate.
      alternates: [],
      feeds: expect.any(Array),
    });
  });

  it('follows a change of the source’s agreement to every article republishing it', async () => {
    await asPublic(app)
      .put(`/api/sources/${leMonde.documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { syndication: 'googlebot-news-noindex' } })
      .expect(200);
    expect(await seoOf(republished.documentId)).toMatchObject({ robots: 'index, follow', googlebotNews: 'noindex' });

    const result = await graphql(
      app,
      'mutation ($id: ID!) { updateSource(documentId: $id, data: { syndication: canonical }) { syndication } }',
      { id: leMonde.documentId },
      token
    );
    expect(result.errors).toEqual([]);
    expect(await seoOf(republished.documentId)).toEqual({ canonicalUrl: LE_MONDE_PAGE, robots: 'index, follow', googlebotNews: null, alternates: [], feeds: expect.any(Array) });
  });

  it('lets the article override the agreement', async () => {
    const response = await asPublic(app)
      .put(`/api/articles/${republished.documentId}`)
      .query({ locale: 'fr', status: 'published' })
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { syndication: 'noindex' } })
      .expect(200);
    expect(response.body.data.seo).toMatchObject({ robots: 'noindex, follow', googlebotNews: null });
  });

  it('indexes our own translation under its own URL, whatever the original’s agreement', async () => {
    const rt = await app.strapi.documents('api::source.source').create({
      data: { name: 'RT', kind: 'outlet', language: 'en', syndication: 'canonical' } as any,
    });
    const translated: any = await newsroom(app).article('Notre traduction', {
      published: true,
      data: {
        credits: [
          { role: 'original', url: 'https://www.rt.com/news/1/', language: 'en', source: rt.documentId },
          { role: 'translation', person: 'Jeanne Martin' },
        ],
      },
    });
    expect(await seoOf(translated.documentId)).toEqual({
      canonicalUrl: expect.stringMatching(/^https:\/\/example\.org\/blog\/notre-traduction/),
      robots: 'index, follow',
      googlebotNews: null,
      alternates: [
        { hreflang: 'fr', url: expect.stringMatching(/^https:\/\/example\.org\/blog\/notre-traduction/) },
        { hreflang: 'x-default', url: expect.stringMatching(/^https:\/\/example\.org\/blog\/notre-traduction/) },
      ],
      feeds: expect.any(Array),
    });
  });

  it('moves stored values of the old policy once, and re-derives seo', async () => {
    const article: any = await newsroom(app).article('Ancienne politique', { published: true });
    const query = app.strapi.db.query('api::article.article');
    await query.updateMany({ where: { documentId: article.documentId }, data: { syndication: 'none', seo: { canonicalUrl: 'x', robots: 'index, follow' } } });
    await query.updateMany({ where: { documentId: republished.documentId }, data: { syndication: 'canonical' } });
    await app.strapi.store.delete({ type: 'core', name: 'colophon', key: 'syndication-by-relationship' });

    expect(await migrateSyndication(app.strapi)).toBe(true);
    const rows = await query.findMany({ where: { documentId: { $in: [article.documentId, republished.documentId] } } });
    expect(rows.filter((row: any) => row.documentId === article.documentId).map((row: any) => row.syndication)).toEqual(['index', 'index']);
    expect(rows.filter((row: any) => row.documentId === republished.documentId).map((row: any) => row.syndication)).toEqual(['default', 'default']);
    for (const row of rows) expect(row.seo).toHaveProperty('googlebotNews');
    expect(await migrateSyndication(app.strapi)).toBe(false);
  });
});
