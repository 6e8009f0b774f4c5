import type { Core } from '@strapi/strapi';

/**
 * Registers plain tables (no content type, no API, no admin) as Strapi database models, so
 * Strapi's schema sync creates and migrates them like its own. Call from register().
 */
export function registerDatabaseModels(strapi: Core.Strapi, ...models: unknown[]): void {
  const registry = strapi.get('models') as { add(model: unknown): unknown };
  for (const model of models) registry.add(model);
}
