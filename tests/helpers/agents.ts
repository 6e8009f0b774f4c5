import request from 'supertest';
import type { TestApp } from './strapi';

/** Anyone on the internet: no credentials at all. */
export function asPublic(app: TestApp) {
  return request(app.server);
}

export interface GraphQLResult<T = any> {
  status: number;
  data: T | null;
  errors: Array<{ message: string; extensions?: { code?: string; error?: { name?: string; status?: number } } }>;
}

/** POST /graphql, as Public unless a bearer token is given. */
export async function graphql<T = any>(
  app: TestApp,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string
): Promise<GraphQLResult<T>> {
  let call = request(app.server).post('/graphql').send({ query, variables });
  if (token) call = call.set('Authorization', `Bearer ${token}`);
  const response = await call;
  return { status: response.status, data: response.body?.data ?? null, errors: response.body?.errors ?? [] };
}

let adminSequence = 0;

/** A new super admin's credentials, created through the admin's own user service. */
export async function createSuperAdmin(app: TestApp): Promise<{ email: string; password: string }> {
  const { strapi } = app;
  adminSequence += 1;
  const email = `editor${adminSequence}@colophon.test`;
  const password = 'Editor-Passw0rd!';
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await strapi.service('admin::user').create({
    email,
    password,
    firstname: 'Eddie',
    lastname: 'Tor',
    isActive: true,
    roles: [superAdmin.id],
    registrationToken: null,
  });
  return { email, password };
}

/** A super admin logged in through /admin/login: what the Content Manager uses. */
export async function loginAsSuperAdmin(app: TestApp): Promise<string> {
  const credentials = await createSuperAdmin(app);
  const response = await request(app.server).post('/admin/login').send(credentials);
  if (response.status !== 200) throw new Error(`admin login failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.data.token;
}

/** One admin RBAC permission, as Settings > Roles stores it. */
export interface AdminPermission {
  action: string;
  subject?: string | null;
  properties?: Record<string, unknown>;
  conditions?: string[];
}

/**
 * An admin with a role of its own holding exactly these permissions, logged in through
 * /admin/login: an editor whose role an administrator has narrowed.
 */
export async function loginAsAdminWith(app: TestApp, permissions: AdminPermission[]): Promise<string> {
  const { strapi } = app;
  adminSequence += 1;
  const role = await strapi.service('admin::role').create({ name: `Narrowed ${adminSequence}`, description: 'test role' });
  await strapi.service('admin::role').assignPermissions(
    role.id,
    permissions.map((permission) => ({ properties: {}, conditions: [], ...permission }))
  );
  const email = `narrowed${adminSequence}@colophon.test`;
  const password = 'Narrowed-Passw0rd!';
  await strapi.service('admin::user').create({
    email,
    password,
    firstname: 'Nora',
    lastname: 'Rowed',
    isActive: true,
    roles: [role.id],
    registrationToken: null,
  });
  const response = await request(app.server).post('/admin/login').send({ email, password });
  if (response.status !== 200) throw new Error(`admin login failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.data.token;
}

/** A full-access API token, as a newsroom's own scripts would hold. */
export async function createFullAccessToken(app: TestApp): Promise<string> {
  const token = await app.strapi.service('admin::api-token').create({
    name: `full-access-${Date.now()}-${Math.random()}`,
    type: 'full-access',
    lifespan: null,
  });
  return token.accessKey;
}

let userSequence = 0;

/** A users-permissions user with the given role, and the JWT a frontend would hold for them. */
export async function createUserJwt(app: TestApp, roleType = 'authenticated'): Promise<{ jwt: string; id: number; email: string }> {
  const { strapi } = app;
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: roleType } });
  if (!role) throw new Error(`no users-permissions role of type ${roleType}`);
  userSequence += 1;
  const email = `reader${userSequence}-${Date.now()}@colophon.test`;
  const user = await strapi.plugin('users-permissions').service('user').add({
    username: email,
    email,
    password: 'Reader-Passw0rd!',
    provider: 'local',
    confirmed: true,
    blocked: false,
    role: role.id,
  });
  const jwt = strapi.plugin('users-permissions').service('jwt').issue({ id: user.id });
  return { jwt, id: user.id, email };
}
