import type { Core } from '@strapi/strapi';

/**
 * A convenience for local development: with ADMIN_EMAIL and ADMIN_PASSWORD set, the first
 * start creates that super admin, so a fresh clone needs no registration form. Never in
 * production, where an admin account must be created deliberately.
 */
export async function ensureDevelopmentAdmin(strapi: Core.Strapi, env = process.env): Promise<void> {
  const email = env.ADMIN_EMAIL?.trim().toLowerCase();
  const password = env.ADMIN_PASSWORD;
  if (!email || !password || (env.NODE_ENV ?? 'development') !== 'development') return;

  const existing = await strapi.db.query('admin::user').findOne({ where: { email } });
  if (existing) return;

  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await strapi.service('admin::user').create({
    email,
    password,
    firstname: env.ADMIN_FIRSTNAME || 'Colophon',
    lastname: env.ADMIN_LASTNAME || 'Admin',
    isActive: true,
    roles: superAdmin ? [superAdmin.id] : [],
    registrationToken: null,
  });
  strapi.log.info(`[colophon] Created the super admin ${email} from ADMIN_EMAIL.`);
}
