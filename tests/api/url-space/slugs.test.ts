import { asPublic, createFullAccessToken } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

/** Slugs an editor never typed: spelt in the document's language, and always accepted. */
describe('generated slugs speak the language of the document and are always valid', () => {
  let app: TestApp;
  let token: string;

  const post = (collection: string, data: Record<string, unknown>, locale = 'fr') =>
    asPublic(app).post(`/api/${collection}`).query({ locale }).set('Authorization', `Bearer ${token}`).send({ data });

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createFullAccessToken(app);
    await newsroom(app).site();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('uses the French table for a French article, the English one for its translation', async () => {
    const fr = (await post('articles', { title: 'Pierre & Marie Curie' }).expect(201)).body.data;
    expect(fr.slug).toBe('pierre-et-marie-curie');
    const percent = (await post('articles', { title: 'Hausse de 5 % des prix' }).expect(201)).body.data;
    expect(percent.slug).toBe('hausse-de-5-pourcent-des-prix');
    const en = (await post('articles', { title: 'Pierre & Marie Curie' }, 'en').expect(201)).body.data;
    expect(en.slug).toBe('pierre-and-marie-curie');
  });

  it('names a category in its own language too', async () => {
    const category = (await post('categories', { name: 'Science & Santé' }).expect(201)).body.data;
    expect(category.slug).toBe('science-et-sante');
  });

  it('gives the second of two long titles a valid suffixed slug instead of a 400', async () => {
    const title = `${'a'.repeat(114)} bb cc`;
    const first = (await post('articles', { title }).expect(201)).body.data;
    expect(first.slug).toBe(`${'a'.repeat(114)}-bb-cc`);
    const second = (await post('articles', { title }).expect(201)).body.data;
    expect(second.slug).toBe(`${'a'.repeat(114)}-bb-2`);
    // The stored slug passes the schema's own validation: saving it back is accepted.
    await asPublic(app)
      .put(`/api/articles/${second.documentId}`)
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { slug: second.slug } })
      .expect(200);
  });
});
