import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { colophonConfig } from '../colophon-config';

/**
 * Strapi populates every relation of a saved entry for its `entry.*` events (webhooks, audit
 * logs), through one populate object per content type that it caches. A category's inverse
 * relations to its trail targets (`articles`) are every row filed in it, derived JSON and all:
 * at 100 000 articles one category save made Strapi read them all after the commit, the
 * longest stall of a cascade and a webhook payload of hundreds of megabytes. Category events
 * carry the category without them; a webhook consumer that needs the articles asks the API.
 *
 * Strapi 5.54 keeps that object in a module of @strapi/core that its package does not export,
 * so it is reached by file path; if it moves, the events stay as Strapi makes them and a
 * warning says so.
 */
export function slimCategoryEvents(strapi: Core.Strapi): void {
  const { categoryUid, targets } = colophonConfig(strapi).trails;
  let getDeepPopulate: ((uid: string, opts: object) => Record<string, unknown>) | undefined;
  try {
    const coreRoot = path.dirname(require.resolve('@strapi/core/package.json'));
    getDeepPopulate = require(path.join(coreRoot, 'dist/services/document-service/utils/populate.js')).getDeepPopulate;
  } catch {
    getDeepPopulate = undefined;
  }
  if (typeof getDeepPopulate !== 'function') {
    strapi.log.warn('[colophon] Strapi’s event populate was not found: category events will embed every article filed in them.');
    return;
  }
  const eventPopulate = getDeepPopulate(categoryUid, {});
  const targetUids = new Set(targets.map((target) => target.uid));
  const attributes = strapi.getModel(categoryUid as any).attributes as Record<string, any>;
  for (const [name, attribute] of Object.entries(attributes)) {
    if (attribute.type === 'relation' && targetUids.has(attribute.target) && attribute.mappedBy) delete eventPopulate[name];
  }
}
