import { asPublic, createFullAccessToken, graphql } from '../../helpers/agents';
import { DEMO_FRENCH_ARTICLE } from '../../../src/strapi/bootstrap/demo-data';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const SEED_FOOTER = [
  'Source\u00a0: RT\u00a0– https://www.rt.com/news/405007-north-korea-russia-meeting/',
  'Photo\u00a0: Image tirée d’une vidéo montrant des membres de la délégation nord-coréenne qui sont arrivés pour des pourparlers à Moscou le 29 septembre 2017 / RT',
  'Traduction\u00a0: Avic\u00a0– Réseau International',
].join('\n');

describe('the attribution footer and its structured data', () => {
  let app: TestApp;
  let token: string;
  let frenchId: string;

  beforeAll(async () => {
    app = await bootStrapi({ seedDemo: true });
    token = await createFullAccessToken(app);
    // The seed page's article, by its title: rows have no order a query may rely on.
    frenchId = (await app.strapi.db.query('api::article.article').findOne({ where: { locale: 'fr', title: DEMO_FRENCH_ARTICLE.title } })).documentId;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('renders the seed page’s footer from the demo article’s credits, in French typography', async () => {
    const response = await asPublic(app).get(`/api/articles/${frenchId}`).query({ locale: 'fr' }).expect(200);
    const { attribution } = response.body.data;

    expect(attribution.text).toBe(SEED_FOOTER);
    expect(attribution.lines.map((line: { role: string; label: string }) => [line.role, line.label])).toEqual([
      ['original', 'Source'],
      ['photo', 'Photo'],
      ['translation', 'Traduction'],
    ]);
    expect(attribution.html).toContain(
      '<a href="https://www.rt.com/news/405007-north-korea-russia-meeting/" rel="nofollow noopener">'
    );
    expect(attribution.html.match(/<p>/g)).toHaveLength(3);
    expect(attribution.markdown.split('\n\n')).toHaveLength(3);
  });

  it('serves the same attribution, seo and JSON-LD through GraphQL', async () => {
    const rest = await asPublic(app).get(`/api/articles/${frenchId}`).query({ locale: 'fr' }).expect(200);
    const result = await graphql(app, 'query ($id: ID!) { article(documentId: $id, locale: "fr") { attribution seo structuredData } }', {
      id: frenchId,
    });
    expect(result.errors).toEqual([]);
    expect(result.data.article).toEqual({
      attribution: rest.body.data.attribution,
      seo: rest.body.data.seo,
      structuredData: rest.body.data.structuredData,
    });
  });

  it('emits a NewsArticle that says what it is based on, what it translates and who translated it', async () => {
    const response = await asPublic(app).get(`/api/articles/${frenchId}`).query({ locale: 'fr' }).expect(200);
    const graph = response.body.data.structuredData['@graph'];
    const article = graph.find((node: { '@type': string }) => node['@type'] === 'NewsArticle');

    expect(article).toMatchObject({
      headline: expect.stringContaining('Derrière les portes closes'),
      inLanguage: 'fr',
      isBasedOn: 'https://www.rt.com/news/405007-north-korea-russia-meeting/',
      translationOfWork: { '@type': 'CreativeWork', url: 'https://www.rt.com/news/405007-north-korea-russia-meeting/', inLanguage: 'en' },
      translator: { '@type': 'Person', name: 'Avic' },
      creditText: expect.stringContaining('Traduction\u00a0: Avic'),
      datePublished: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(graph.some((node: { '@type': string }) => node['@type'] === 'BreadcrumbList')).toBe(true);
  });

  it('keeps the republished translation out of the index by default, and never points canonical at the English original', async () => {
    const response = await asPublic(app).get(`/api/articles/${frenchId}`).query({ locale: 'fr' }).expect(200);
    expect(response.body.data.seo).toEqual({
      canonicalUrl: expect.stringMatching(/^https:\/\/example\.org\/blog\/coree-du-nord\//),
      robots: 'noindex, follow',
      googlebotNews: null,
      alternates: [],
      feeds: expect.any(Array),
    });

    const overridden = await asPublic(app)
      .put(`/api/articles/${frenchId}`)
      .query({ locale: 'fr', status: 'published' })
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { syndication: 'canonical' } })
      .expect(200);
    // Réseau International's translation has no URL in the credits: no same-language page to point at.
    expect(overridden.body.data.seo).toMatchObject({ robots: 'noindex, follow', googlebotNews: null });
    expect(overridden.body.data.seo.canonicalUrl).not.toContain('rt.com');
  });

  it('labels the same credits in English for an English article', async () => {
    const rt = await app.strapi.db.query('api::source.source').findOne({ where: { slug: 'rt' } });
    const reseau = await app.strapi.db.query('api::source.source').findOne({ where: { slug: 'reseau-international' } });
    const english: any = await newsroom(app).article('Behind closed doors', {
      locale: 'en',
      data: {
        credits: [
          { role: 'translation', person: 'Avic', source: reseau.documentId },
          { role: 'original', url: 'https://www.rt.com/news/405007-north-korea-russia-meeting/' },
          { role: 'photo', caption: 'Delegates arrive in Moscow', source: rt.documentId },
        ],
      },
    });
    expect(english.attribution.text).toBe(
      [
        'Source: https://www.rt.com/news/405007-north-korea-russia-meeting/',
        'Photo: Delegates arrive in Moscow / RT',
        'Translation: Avic – Réseau International',
      ].join('\n')
    );
  });

  it('never lets markup or a javascript: URL from a credit into the html', async () => {
    const hostile: any = await newsroom(app).article('Hostile', {
      data: {
        credits: [
          { role: 'original', url: 'https://x.example/?a="onmouseover=alert(1)', title: '<script>alert(1)</script>' },
          { role: 'photo', caption: '<img src=x onerror=alert(1)>'.padEnd(2000, 'x') },
        ],
      },
    });
    const { html } = hostile.attribution;
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;');
    // A quote is percent-encoded as the URL Standard serialises it: it cannot end the attribute.
    expect(html).toContain('href="https://x.example/?a=%22onmouseover=alert(1)"');
    await expect(
      newsroom(app).article('Hostile link', { data: { credits: [{ role: 'original', url: 'javascript:alert(1)', title: 'T' }] } })
    ).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('serves structuredDataHtml, a script block a hostile title cannot break out of', async () => {
    const article: any = await newsroom(app).article('Fin </script><script>alert(1)</script> & suite', { published: true });
    const rest = await asPublic(app).get(`/api/articles/${article.documentId}`).query({ locale: 'fr' }).expect(200);
    const { structuredData, structuredDataHtml } = rest.body.data;
    expect(structuredDataHtml.match(/<\/script/gi)).toHaveLength(1);
    expect(structuredDataHtml).toContain('\\u003c/script\\u003e');
    const json = structuredDataHtml.replace(/^<script type="application\/ld\+json">/, '').replace(/<\/script>$/, '');
    expect(JSON.parse(json)).toEqual(structuredData);

    const result = await graphql(app, 'query ($id: ID!) { article(documentId: $id, locale: "fr") { structuredDataHtml } }', { id: article.documentId });
    expect(result.data.article.structuredDataHtml).toBe(structuredDataHtml);
  });

  it('renders an empty footer, with no empty paragraphs, for an article without credits', async () => {
    const plain: any = await newsroom(app).article('Maison');
    expect(plain.attribution).toEqual({ text: '', html: '', markdown: '', lines: [] });
  });
});
