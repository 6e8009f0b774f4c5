import type { TestApp } from './strapi';

/** Builders for the newsroom a test needs, written through the document service like any editor's save. */
export function newsroom(app: TestApp) {
  const documents = (uid: string) => app.strapi.documents(uid as any) as any;

  return {
    /** Creates the Site, or updates it when it exists (it is a single type). */
    async site(data: Record<string, unknown> = {}) {
      const values = { name: 'Cellule44', baseUrl: 'https://example.org', blogLabel: 'Blog', blogPath: '/blog', ...data };
      const existing = await documents('api::site.site').findFirst({});
      return existing
        ? documents('api::site.site').update({ documentId: existing.documentId, data: values })
        : documents('api::site.site').create({ data: values });
    },

    async category(name: string, options: { locale?: string; parent?: string; slug?: string } = {}) {
      return documents('api::category.category').create({
        locale: options.locale ?? 'fr',
        data: { name, ...(options.slug ? { slug: options.slug } : {}), ...(options.parent ? { parent: options.parent } : {}) },
      });
    },

    async translateCategory(documentId: string, locale: string, name: string, parent?: string) {
      return documents('api::category.category').update({
        documentId,
        locale,
        data: { name, ...(parent ? { parent } : {}) },
      });
    },

    async article(title: string, options: { locale?: string; category?: string; published?: boolean; data?: Record<string, unknown> } = {}) {
      return documents('api::article.article').create({
        locale: options.locale ?? 'fr',
        ...(options.published ? { status: 'published' } : {}),
        data: { title, ...(options.category ? { category: options.category } : {}), ...options.data },
      });
    },

    /** Every stored row (draft and published, every locale) of an article. */
    async articleRows(documentId: string) {
      return app.strapi.db.query('api::article.article').findMany({
        where: { documentId },
        orderBy: [{ locale: 'asc' }, { publishedAt: 'desc' }],
      });
    },

    async categoryRow(documentId: string, locale = 'fr') {
      return app.strapi.db.query('api::category.category').findOne({ where: { documentId, locale } });
    },
  };
}

export const labels = (crumbs: Array<{ label: string }>) => crumbs.map((crumb) => crumb.label);
export const paths = (crumbs: Array<{ path: string }>) => crumbs.map((crumb) => crumb.path);
