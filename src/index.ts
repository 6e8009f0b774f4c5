import type { Core } from '@strapi/strapi';
import { bootstrapColophon } from './strapi/bootstrap';
import { exitNonZeroOnFailedBoot } from './strapi/bootstrap/exit-on-failure';
import { markBusyRequests, retryOnContention } from './strapi/database/contention';
import { tuneSqlite } from './strapi/database/sqlite';
import { registerComments } from './strapi/comments';
import { indexFirstPublications } from './strapi/discovery/indexes';
import { registerClaimModels } from './strapi/claims';
import { registerChangeModels } from './strapi/delivery/models';
import { closeResponseCaches } from './strapi/delivery/response-cache';
import { deriveOnWrite } from './strapi/hook/derive-on-write';
import { publishedOnlyForReaders } from './strapi/middlewares/published-only-for-readers';
import { registerPreview, registerPreviewPages } from './strapi/preview';
import { registerNotifications } from './strapi/notifications';
import { registerPersonalDataRoutes, registerPrivacyModels } from './strapi/privacy';
import { redirectLocales } from './strapi/redirects-api';
import { redirectLookups } from './strapi/trails/redirect-lookup';
import { registerResolvePathQuery } from './strapi/trails/resolve-path-graphql';
import { registerWordpressImportModels } from './strapi/wordpress-import/models';

/** What bootstrap started that must stop with the app (the change log's pruning, webhook and mail delivery). */
const stopTimers = new WeakMap<object, () => Promise<void>>();

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    exitNonZeroOnFailedBoot(strapi);
    registerClaimModels(strapi);
    registerChangeModels(strapi);
    registerWordpressImportModels(strapi);
    registerPrivacyModels(strapi);
    indexFirstPublications(strapi);
    const markSqliteReads = tuneSqlite(strapi);
    markBusyRequests(strapi);
    // First, so that it wraps every other middleware and can run a contended write again whole.
    strapi.documents.use(retryOnContention(strapi));
    if (markSqliteReads) strapi.documents.use(markSqliteReads);
    strapi.documents.use(publishedOnlyForReaders(strapi));
    strapi.documents.use(deriveOnWrite(strapi));
    strapi.documents.use(redirectLookups(strapi));
    strapi.documents.use(redirectLocales(strapi));
    registerComments(strapi);
    registerResolvePathQuery(strapi);
    registerPreview(strapi);
    registerPreviewPages(strapi);
    registerPersonalDataRoutes(strapi);
    registerNotifications(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    stopTimers.set(strapi, await bootstrapColophon(strapi));
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await stopTimers.get(strapi)?.();
    await closeResponseCaches(strapi);
  },
};
