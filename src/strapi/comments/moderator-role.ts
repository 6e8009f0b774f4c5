import type { Core } from '@strapi/strapi';

export const MODERATOR_ROLE = {
  type: 'moderator',
  name: 'Moderator',
  description: 'Reviews reader comments: may change their status (commentStatus), never their content.',
} as const;

/** Created once; renaming it or changing its permissions in the admin survives restarts. */
export async function ensureModeratorRole(strapi: Core.Strapi): Promise<void> {
  const roles = strapi.db.query('plugin::users-permissions.role');
  if (await roles.findOne({ where: { type: MODERATOR_ROLE.type } })) return;
  await roles.create({ data: { ...MODERATOR_ROLE } });
}
