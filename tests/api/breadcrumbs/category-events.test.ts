import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

/**
 * Strapi's entry events (what webhooks and audit logs receive) carry the saved entry with its
 * relations. A category's would carry every article filed in it; they carry the category.
 */
describe('category events stay the size of a category', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await bootStrapi();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('a category update event carries the category and its parent, not its articles', async () => {
    const make = newsroom(app);
    await make.site();
    const parent = await make.category('Monde');
    const category = await make.category('Europe', { parent: parent.documentId });
    for (let i = 0; i < 3; i += 1) await make.article(`Article ${i}`, { category: category.documentId, published: true });

    const events: any[] = [];
    const listener: any = (payload: any) => {
      if (payload.uid === 'api::category.category') events.push(payload.entry);
    };
    app.strapi.eventHub.on('entry.update', listener);
    try {
      await app.strapi.documents('api::category.category').update({ documentId: category.documentId, locale: 'fr', data: { name: 'Union européenne' } as any });
      for (let i = 0; i < 50 && events.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      app.strapi.eventHub.off('entry.update', listener);
    }
    expect(events).toHaveLength(1);
    expect(events[0].name).toBe('Union européenne');
    expect(events[0].parent?.documentId).toBe(parent.documentId);
    expect(events[0]).not.toHaveProperty('articles');
  });

  it('an article event still carries its category', async () => {
    const category = await newsroom(app).category('Asie');
    const events: any[] = [];
    const listener: any = (payload: any) => {
      if (payload.uid === 'api::article.article') events.push(payload.entry);
    };
    app.strapi.eventHub.on('entry.create', listener);
    try {
      await newsroom(app).article('Séoul', { category: category.documentId });
      for (let i = 0; i < 50 && events.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      app.strapi.eventHub.off('entry.create', listener);
    }
    expect(events[0]?.category?.documentId).toBe(category.documentId);
  });
});
