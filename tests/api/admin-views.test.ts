import { asPublic, loginAsSuperAdmin } from '../helpers/agents';
import { bootStrapi, type TestApp } from '../helpers/strapi';

describe('the admin edit views', () => {
  let app: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    app = await bootStrapi();
    adminToken = await loginAsSuperAdmin(app);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const configuration = async (uid: string) =>
    (
      await asPublic(app)
        .get(`/content-manager/content-types/${uid}/configuration`)
        .set('Authorization', `Bearer ${adminToken}`)
        .expect(200)
    ).body.data.contentType;

  it('shows an article’s derived fields to editors but does not let them edit them', async () => {
    const { metadatas, layouts } = await configuration('api::article.article');
    for (const field of ['breadcrumbs', 'breadcrumbText', 'path', 'attribution', 'seo', 'structuredData']) {
      expect(metadatas[field].edit.editable).toBe(false);
      expect(metadatas[field].edit.visible).toBe(true);
    }
    expect(metadatas.title.edit.editable).toBe(true);
    const placed = layouts.edit.flat().map((cell: { name: string }) => cell.name);
    expect(placed).toEqual(expect.arrayContaining(['breadcrumbs', 'attribution']));
  });

  it('does the same for a category’s path and breadcrumbs', async () => {
    const { metadatas } = await configuration('api::category.category');
    expect(metadatas.path.edit.editable).toBe(false);
    expect(metadatas.breadcrumbs.edit.editable).toBe(false);
    expect(metadatas.name.edit.editable).toBe(true);
  });
});
