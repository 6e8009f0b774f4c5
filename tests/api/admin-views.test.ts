import fs from 'node:fs';
import path from 'node:path';
import { asPublic, loginAsSuperAdmin } from '../helpers/agents';
import { PROJECT_ROOT } from '../helpers/database';
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

  /** Every content type and component Colophon declares, with its attribute names, from the schema files. */
  function declaredModels(): Array<{ uid: string; kind: 'content-types' | 'components'; attributes: string[] }> {
    const models: Array<{ uid: string; kind: 'content-types' | 'components'; attributes: string[] }> = [];
    const apiRoot = path.join(PROJECT_ROOT, 'src', 'api');
    for (const api of fs.readdirSync(apiRoot)) {
      const dir = path.join(apiRoot, api, 'content-types');
      if (!fs.existsSync(dir)) continue;
      for (const name of fs.readdirSync(dir)) {
        const schema = JSON.parse(fs.readFileSync(path.join(dir, name, 'schema.json'), 'utf8'));
        models.push({ uid: `api::${api}.${name}`, kind: 'content-types', attributes: Object.keys(schema.attributes) });
      }
    }
    const componentRoot = path.join(PROJECT_ROOT, 'src', 'components');
    for (const category of fs.readdirSync(componentRoot)) {
      for (const file of fs.readdirSync(path.join(componentRoot, category))) {
        const schema = JSON.parse(fs.readFileSync(path.join(componentRoot, category, file), 'utf8'));
        models.push({ uid: `${category}.${file.replace(/\.json$/, '')}`, kind: 'components', attributes: Object.keys(schema.attributes) });
      }
    }
    return models;
  }

  const configurationOf = async (kind: 'content-types' | 'components', uid: string) => {
    const body = (
      await asPublic(app).get(`/content-manager/${kind}/${uid}/configuration`).set('Authorization', `Bearer ${adminToken}`).expect(200)
    ).body.data;
    return kind === 'components' ? body.component : body.contentType;
  };

  it('labels and explains every field of every type and component, instead of its raw name', async () => {
    const unlabelled: string[] = [];
    for (const model of declaredModels()) {
      const { metadatas } = await configurationOf(model.kind, model.uid);
      for (const field of model.attributes) {
        const edit = metadatas[field]?.edit;
        if (!edit) continue;
        if (!edit.label || edit.label === field) unlabelled.push(`${model.uid}.${field}: label`);
        if (!edit.description) unlabelled.push(`${model.uid}.${field}: description`);
      }
    }
    expect(unlabelled).toEqual([]);
  });

  it('puts what the editor writes first and what Colophon computes last', async () => {
    const { layouts } = await configuration('api::article.article');
    const order = layouts.edit.flat().map((cell: { name: string }) => cell.name);
    const lastWritten = Math.max(...['title', 'credits', 'category', 'syndication'].map((f) => order.indexOf(f)));
    const firstDerived = Math.min(...['breadcrumbs', 'attribution', 'seo', 'structuredData'].map((f) => order.indexOf(f)));
    expect(lastWritten).toBeGreaterThanOrEqual(0);
    expect(firstDerived).toBeGreaterThan(lastWritten);
  });

  it('heads each credit in a list by its role, and keeps the kept source name read-only', async () => {
    const credit = await configurationOf('components', 'editorial.credit');
    expect(credit.settings.mainField).toBe('role');
    expect(credit.metadatas.sourceName.edit.editable).toBe(false);
  });

  it('keeps an administrator’s own label across restarts', async () => {
    const service = app.strapi.plugin('content-manager').service('content-types');
    const { uid: _uid, ...edited } = await service.findConfiguration({ uid: 'api::site.site' });
    edited.metadatas.blogLabel.edit.label = 'Rubrique';
    await service.updateConfiguration({ uid: 'api::site.site' }, edited);
    const { configureEditViews } = require(path.join(app.strapi.dirs.dist.root, 'src/strapi/bootstrap/content-manager-views.js'));
    await configureEditViews(app.strapi);
    const { metadatas } = await configuration('api::site.site');
    expect(metadatas.blogLabel.edit.label).toBe('Rubrique');
  });
});
