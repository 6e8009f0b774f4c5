import type { Core } from '@strapi/strapi';

/**
 * What each users-permissions role may do on the content API. Everything not listed stays
 * closed: Strapi's default is deny, and grants are only ever added here, never removed, so an
 * administrator's own changes in the admin survive restarts.
 */
// Readers see approved comments only, whatever they ask for: src/strapi/comments/reader-scope.ts.
const READER_ACTIONS = [
  'api::article.article.find',
  'api::article.article.findOne',
  'api::category.category.find',
  'api::category.category.findOne',
  'api::source.source.find',
  'api::source.source.findOne',
  'api::site.site.find',
  'api::redirect.redirect.find',
  'api::redirect.redirect.findOne',
  // What lives at a path: published content and redirects only (src/strapi/trails/resolve-path.ts).
  'api::resolve.resolve.find',
  // Sitemaps list published, indexable pages only (src/strapi/discovery).
  'api::sitemap.sitemap.find',
  // Feeds list published articles only (src/strapi/discovery/feeds.ts).
  'api::feed.feed.find',
  // Approved comments of published articles only, as threads (src/strapi/comments/comment-threads.ts).
  'api::comment-thread.comment-thread.find',
  'api::comment.comment.create',
  // The same receipt whatever the comment; reporters are private (src/strapi/comments/reports.ts).
  'api::comment.comment.report',
  'api::comment.comment.find',
  'api::comment.comment.findOne',
];

export const ROLE_GRANTS: Record<'public' | 'authenticated' | 'moderator', string[]> = {
  public: READER_ACTIONS,
  authenticated: READER_ACTIONS,
  // A reader who also moderates: sees comments of every status and may change the status
  // only (src/strapi/comments/edit-comment.ts). The role is created by bootstrapComments.
  moderator: [...READER_ACTIONS, 'api::comment.comment.update', 'plugin::users-permissions.user.me'],
};

const PERMISSION = 'plugin::users-permissions.permission';
const ROLE = 'plugin::users-permissions.role';

export async function grantRolePermissions(
  strapi: Core.Strapi,
  grants: Record<string, string[]> = ROLE_GRANTS
): Promise<void> {
  for (const [type, actions] of Object.entries(grants)) {
    const role = await strapi.db.query(ROLE).findOne({ where: { type } });
    if (!role) throw new Error(`users-permissions role "${type}" is missing: is the plugin enabled?`);

    const existing = await strapi.db.query(PERMISSION).findMany({
      where: { role: role.id, action: { $in: actions } },
      select: ['action'],
    });
    const granted = new Set(existing.map((permission: { action: string }) => permission.action));
    for (const action of actions.filter((a) => !granted.has(a))) {
      await strapi.db.query(PERMISSION).create({ data: { action, role: role.id } });
    }
  }
}
