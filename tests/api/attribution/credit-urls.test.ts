import { asPublic, createFullAccessToken, graphql, loginAsSuperAdmin } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const RT_ARTICLE = 'www.rt.com/news/405007-north-korea-russia-meeting/';

describe('no credit is ever dropped from the footer', () => {
  let app: TestApp;
  let token: string;
  let adminToken: string;

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createFullAccessToken(app);
    adminToken = await loginAsSuperAdmin(app);
    await newsroom(app).site();
  });
  afterAll(async () => {
    await app?.stop();
  });

  const createOverRest = (data: Record<string, unknown>) =>
    asPublic(app).post('/api/articles').query({ locale: 'fr' }).set('Authorization', `Bearer ${token}`).send({ data });

  it('completes a scheme-less address with https:// and shows it in the footer', async () => {
    const response = await createOverRest({ title: 'Collé sans https', credits: [{ role: 'original', url: RT_ARTICLE }] }).expect(201);
    const expected = `https://${RT_ARTICLE}`;
    expect(response.body.data.attribution.lines).toEqual([{ role: 'original', label: 'Source', text: expected, url: expected }]);
    const [row] = await app.strapi.db
      .query('api::article.article')
      .findMany({ where: { documentId: response.body.data.documentId }, populate: { credits: true } });
    expect(row.credits[0].url).toBe(expected);
  });

  it('refuses a javascript: address over REST with a 400 naming credits[1].url', async () => {
    const response = await createOverRest({
      title: 'Piégé',
      credits: [
        { role: 'author', person: 'Jeanne Martin' },
        { role: 'original', url: 'javascript:alert(document.cookie)' },
      ],
    }).expect(400);
    expect(response.body.error.name).toBe('ValidationError');
    expect(response.body.error.details.errors).toEqual([
      expect.objectContaining({ path: ['credits', 1, 'url'], message: expect.stringContaining('http') }),
    ]);
    expect(await app.strapi.db.query('api::article.article').count({ where: { title: 'Piégé' } })).toBe(0);
  });

  it('refuses it over GraphQL, naming the same field', async () => {
    const result = await graphql(
      app,
      'mutation ($data: ArticleInput!) { createArticle(data: $data, locale: "fr") { documentId } }',
      { data: { title: 'Piégé GraphQL', credits: [{ role: 'original', url: 'data:text/html,<script>alert(1)</script>' }] } },
      token
    );
    expect(result.data?.createArticle ?? null).toBeNull();
    expect(result.errors[0]?.extensions?.error?.name).toBe('ValidationError');
    expect((result.errors[0]?.extensions?.error as any)?.details?.errors?.[0]?.path).toEqual(['credits', 0, 'url']);
  });

  it('refuses it in the Content Manager, naming the same field', async () => {
    const response = await asPublic(app)
      .post('/content-manager/collection-types/api::article.article')
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ title: 'Piégé admin', credits: [{ role: 'via', person: 'X', url: 'ftp://example.org/file' }] })
      .expect(400);
    expect(response.body.error.details.errors[0].path).toEqual(['credits', 0, 'url']);
  });

  it('refuses a credit that would render to nothing, naming it', async () => {
    const response = await createOverRest({
      title: 'Crédit vide',
      credits: [{ role: 'author', person: 'Jeanne Martin' }, { role: 'original', url: '   ' }],
    }).expect(400);
    expect(response.body.error.details.errors).toEqual([expect.objectContaining({ path: ['credits', 1] })]);
    expect(await app.strapi.db.query('api::article.article').count({ where: { title: 'Crédit vide' } })).toBe(0);
  });

  it('stores a url’s bidi override percent-encoded, so the footer and the JSON-LD read as they link', async () => {
    const response = await createOverRest({
      title: 'Pièce jointe',
      credits: [{ role: 'original', url: 'https://ex.org/gpj\u202E.exe' }],
    }).expect(201);
    const encoded = 'https://ex.org/gpj%E2%80%AE.exe';
    const { attribution, structuredData, structuredDataHtml } = response.body.data;
    expect(attribution.lines[0]).toMatchObject({ text: encoded, url: encoded });
    for (const value of [attribution.text, attribution.html, attribution.markdown, JSON.stringify(structuredData), structuredDataHtml]) {
      expect(value).not.toMatch(/\u202E/);
    }
    expect(attribution.html).toContain(`href="${encoded}"`);
  });

  it('refuses a url with a user name and password in the Content Manager, naming it', async () => {
    const response = await asPublic(app)
      .post('/content-manager/collection-types/api::article.article')
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ title: 'Identifiants', credits: [{ role: 'author', person: 'X' }, { role: 'original', url: 'https://user:secret@rt.com/' }] })
      .expect(400);
    expect(response.body.error.details.errors[0].path).toEqual(['credits', 1, 'url']);
    expect(await app.strapi.db.query('api::article.article').count({ where: { title: 'Identifiants' } })).toBe(0);
  });

  it('holds every URL field of a Source to the same rule', async () => {
    const created = await asPublic(app)
      .post('/api/sources')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { name: 'RT', kind: 'outlet', website: 'www.rt.com', licenseUrl: 'rt.com/about-us/terms-of-use/' } })
      .expect(201);
    expect(created.body.data).toMatchObject({ website: 'https://www.rt.com', licenseUrl: 'https://rt.com/about-us/terms-of-use/' });

    const refused = await asPublic(app)
      .put(`/api/sources/${created.body.data.documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { website: 'javascript:alert(1)' } })
      .expect(400);
    expect(refused.body.error.details.errors[0].path).toEqual(['website']);
  });
});
