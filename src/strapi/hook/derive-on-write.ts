import type { Core, Modules } from '@strapi/strapi';
import { colophonConfig } from '../colophon-config';
import { cascadeEverything, loadDerivationInputs } from './cascade';
import {
  deriveAfterCategoryDelete,
  deriveAfterCategoryWrite,
  prepareCategoryDelete,
  prepareCategoryWrite,
} from '../trails/category-writes';
import { prepareSourceInput, refuseSilentCredits } from '../attribution/credit-input';
import { deriveAfterSourceDelete, deriveAfterSourceWrite, prepareSourceDelete } from '../attribution/source-writes';
import { deriveAfterTargetWrite, enforcePublishPolicy, prepareTargetWrite, publishedPaths, storedPaths } from './target-writes';
import type { WriteParams } from './write-context';
import { lockForWrite } from './write-locks';
import { dropRedirectsTo } from '../trails/redirects';
import { leaveRelationsWithOriginal, patchClonedSlugs, settleClonedSlugs } from '../trails/clones';
import { claimDocumentPaths, claimReservedPaths, reclaimEverything, refuseConflict, refuseSiteEditCollisions, releaseReservedPaths } from '../claims';
import { newDocumentId } from '../database/document-id';
import { recordingChanges } from '../delivery/change-log';
import { noteCategoryWrite, noteRedirects, noteSiteWrite, noteSourceWrite, noteTargetWrite } from '../delivery/notes';
import { tagVocabulary } from '../delivery/tags';
import { prepareSiteInput } from '../site/site-input';
import { followSiteDefaultLocale, prepareSiteDefaultLocale } from '../site/default-locale';
import { settleAlternates } from '../discovery/alternate-writes';
import { loadSiteSettings } from '../trails/site-settings';

const TARGET_ACTIONS = new Set(['create', 'update', 'publish', 'discardDraft', 'clone']);
/** Writes that take a page offline: the redirects leading to it go with it. */
const TARGET_REMOVALS = new Set(['unpublish', 'delete']);
const CATEGORY_ACTIONS = new Set(['create', 'update', 'delete', 'clone']);
const SITE_ACTIONS = new Set(['create', 'update', 'delete']);
/** What a deleted Site leaves: every setting that decides where pages live back to its default. */
const SITE_DEFAULTS = { blogPath: null, defaultLocale: null, localePrefix: null };
const SOURCE_ACTIONS = new Set(['create', 'update', 'delete']);
const REDIRECT_ACTIONS = new Set(['create', 'update', 'delete']);

/**
 * The Colophon hook. Every document write, whichever door it came through (REST, GraphQL,
 * the Content Manager, strapi.documents() in code), passes here once. It validates and
 * completes the input, lets Strapi write, then derives breadcrumbs and friends from what was
 * stored and runs the cascades a change calls for, all in the transaction Strapi's own write
 * joins: a failed cascade rolls the edit back with it, and the caller gets the error.
 */
export function deriveOnWrite(strapi: Core.Strapi): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    const { trails, hook } = colophonConfig(strapi);
    if (!hook.enabled) return next();
    const target = trails.targets.find((t) => t.uid === context.uid);
    const isCategory = context.uid === trails.categoryUid;
    const isSite = context.uid === trails.siteUid;
    const isSource = context.uid === colophonConfig(strapi).attribution.sourceUid;
    const action = context.action;

    if (context.uid === trails.redirectUid && REDIRECT_ACTIONS.has(action)) {
      // A rule written by hand (an API token, the Content Manager): what its paths resolve to changed.
      const params = context.params as WriteParams;
      return withinOwnTransaction(strapi, (trx) =>
        recordingChanges(strapi, trx, action, tagVocabulary(strapi).changeCoarser, async () => {
          const before = params.documentId
            ? await strapi.db.query(trails.redirectUid as any).findMany({ where: { documentId: params.documentId }, select: ['from', 'locale'] })
            : [];
          const result: any = await next();
          const written = Array.isArray(result?.entries) ? result.entries : result ? [result] : [];
          noteRedirects(
            [...before, ...written]
              .filter((rule: any) => typeof rule?.from === 'string')
              .map((rule: any) => ({ locale: rule.locale ?? null, path: rule.from }))
          );
          return result;
        })
      );
    }

    const relevant =
      (target && (TARGET_ACTIONS.has(action) || TARGET_REMOVALS.has(action))) ||
      (isCategory && CATEGORY_ACTIONS.has(action)) ||
      (isSite && SITE_ACTIONS.has(action)) ||
      (isSource && SOURCE_ACTIONS.has(action));
    if (!relevant) return next();

    const params = context.params as WriteParams;
    // Every write here ends with one row in the change log, in its own transaction, when it
    // changed what the public reads (src/strapi/delivery).
    const logged = (work: (trx: unknown) => Promise<any>): Promise<any> =>
      withinOwnTransaction(strapi, (trx) => recordingChanges(strapi, trx, action, tagVocabulary(strapi).changeCoarser, () => work(trx)));
    if (isSource && action === 'create') {
      // A source just created is credited nowhere yet: nothing to derive, nothing to lock.
      prepareSourceInput(params.data);
      return logged(async (trx) => {
        const result: any = await next();
        if (result?.documentId) await noteSourceWrite(strapi, trx, context.uid, result.documentId);
        return result;
      });
    }
    return logged(async (trx) => {
      // A new document's path is claimed in its name before Strapi stores it: name it now.
      if (action === 'create' && (target || isCategory)) assignDocumentId(params);
      // Before anything is read: see lockForWrite for why, and for what each database does.
      const write = target ? { kind: 'target' as const, target } : isCategory ? { kind: 'category' as const } : { kind: 'global' as const };
      const lockedTree = await lockForWrite(strapi, trx, write, action, params);
      if (target && TARGET_REMOVALS.has(action)) {
        const pathsBefore = await publishedPaths(strapi, trx, target, params.documentId);
        const result = await next();
        const pathsAfter = await publishedPaths(strapi, trx, target, params.documentId);
        const gone = [...pathsBefore]
          .filter(([locale, path]) => pathsAfter.get(locale) !== path)
          .map(([locale, path]) => ({ path, locale: locale || null }));
        await dropRedirectsTo(strapi, trx, gone);
        if (params.documentId) {
          // The localizations left name one page fewer.
          await settleAlternates(strapi, trx, target.uid, await loadSiteSettings(strapi), [params.documentId], []);
          await claimDocumentPaths(strapi, trx, target.uid, params.documentId, target.slugField);
          noteTargetWrite(strapi, { uid: target.uid, documentId: params.documentId, action, before: pathsBefore, after: pathsAfter });
        }
        return result;
      }

      if (target) {
        if (action === 'clone') leaveRelationsWithOriginal(strapi, target.uid, (params.data ??= {}));
        // Site and tree do not change under an article write: read once, for checks and derivation.
        const inputs = await loadDerivationInputs(strapi, trx, lockedTree ?? undefined);
        const intent = await prepareTargetWrite(strapi, trx, target, action, params, inputs);
        const pathsBefore = await publishedPaths(strapi, trx, target, params.documentId);
        const result: any = await next();
        const documentId = result?.documentId ?? params.documentId;
        if (action === 'clone' && documentId && params.documentId) {
          const slugs = await settleClonedSlugs(strapi, trx, { kind: 'target', target }, params.documentId, documentId, params.data?.[target.slugField], inputs);
          patchClonedSlugs(result, target.slugField, slugs);
        }
        if (documentId) {
          const derived = await deriveAfterTargetWrite(strapi, trx, target, documentId, pathsBefore, inputs);
          await claimDocumentPaths(strapi, trx, target.uid, documentId, target.slugField);
          if (intent?.creditsSent) refuseSilentCredits(derived, intent.locale, colophonConfig(strapi).attribution.creditsField);
          patchResult(result, new Map([...derived].map(([id, row]) => [id, row.values])));
          if (action === 'publish' || params.status === 'published') enforcePublishPolicy(strapi, derived);
          noteTargetWrite(strapi, {
            uid: target.uid,
            documentId,
            action,
            status: params.status,
            before: pathsBefore,
            after: await publishedPaths(strapi, trx, target, documentId),
          });
        }
        return result;
      }

      if (isCategory && action === 'delete') {
        const deletion = await prepareCategoryDelete(strapi, trx, params);
        const before = await storedPaths(strapi, trx, trails.categoryUid, params.documentId, false);
        const result = await next();
        // Released before its pages move: one of them may land where it was (/blog/x/x -> /blog/x).
        if (params.documentId) await claimDocumentPaths(strapi, trx, trails.categoryUid, params.documentId, 'slug');
        await deriveAfterCategoryDelete(strapi, trx, deletion);
        if (params.documentId) {
          noteCategoryWrite(strapi, { uid: trails.categoryUid, documentId: params.documentId, before, after: await storedPaths(strapi, trx, trails.categoryUid, params.documentId, false) });
        }
        return result;
      }

      if (isCategory) {
        if (action === 'clone') leaveRelationsWithOriginal(strapi, trails.categoryUid, (params.data ??= {}));
        await prepareCategoryWrite(strapi, trx, action, params);
        const before = action === 'update' ? await storedPaths(strapi, trx, trails.categoryUid, params.documentId, false) : new Map<string, string>();
        const result: any = await next();
        const documentId = result?.documentId;
        if (action === 'clone' && documentId && params.documentId) {
          const inputs = await loadDerivationInputs(strapi, trx, lockedTree ?? undefined);
          patchClonedSlugs(result, 'slug', await settleClonedSlugs(strapi, trx, { kind: 'category' }, params.documentId, documentId, params.data?.slug, inputs));
        }
        if (documentId) {
          patchResult(result, await deriveAfterCategoryWrite(strapi, trx, documentId));
          await claimDocumentPaths(strapi, trx, trails.categoryUid, documentId, 'slug');
          noteCategoryWrite(strapi, { uid: trails.categoryUid, documentId, before, after: await storedPaths(strapi, trx, trails.categoryUid, documentId, false) });
        }
        return result;
      }

      if (isSource && action === 'delete') {
        const deletion = await prepareSourceDelete(strapi, trx, params);
        // Before it goes, while the credits still name it.
        if (params.documentId) await noteSourceWrite(strapi, trx, context.uid, params.documentId);
        const result = await next();
        await deriveAfterSourceDelete(strapi, trx, deletion);
        return result;
      }

      if (isSource) {
        prepareSourceInput(params.data);
        const result: any = await next();
        if (result?.documentId) {
          await deriveAfterSourceWrite(strapi, trx, result.documentId);
          await noteSourceWrite(strapi, trx, context.uid, result.documentId);
        }
        return result;
      }

      prepareSiteInput(params.data);
      await prepareSiteDefaultLocale(strapi, params.data);
      // The Site: a change of where pages live must not land one on a reserved path. Deleting
      // it puts every setting back to its default.
      const moved = await refuseSiteEditCollisions(strapi, trx, action === 'delete' ? SITE_DEFAULTS : params.data);
      const result = await next();
      await followSiteDefaultLocale(strapi, trx);
      await cascadeEverything(strapi, trx);
      if (moved) {
        // The old reservations go first: the edit may free a path a page now moves onto.
        await releaseReservedPaths(strapi, trx);
        const conflict = await reclaimEverything(strapi, trx);
        if (conflict) refuseConflict(conflict, moved);
      }
      const reserved = await claimReservedPaths(strapi, trx);
      if (reserved) refuseConflict(reserved, moved ?? 'blogPath');
      noteSiteWrite(strapi, context.uid, (result as any)?.documentId ?? params.documentId);
      return result;
    });
  };
}

let savepoints = 0;

/**
 * Runs one write's work in a transaction of its own, or, inside a caller's transaction (the
 * Content Manager's bulk actions, a Content Release publishing its entries), behind a
 * savepoint: a refusal then undoes exactly this write, even when the caller catches the error
 * and commits the rest (a release marks itself failed and commits), so nothing half-written
 * and nothing a refusal forbade (a second page on a path) survives.
 */
async function withinOwnTransaction<T>(strapi: Core.Strapi, work: (trx: unknown) => Promise<T>): Promise<T> {
  const nested = strapi.db.inTransaction();
  return strapi.db.transaction(async ({ trx }) => {
    if (!nested) return work(trx);
    const name = `colophon_write_${(savepoints += 1)}`;
    const raw = (statement: string) => strapi.db.connection.raw(statement).transacting(trx as any);
    await raw(`SAVEPOINT ${name}`);
    try {
      const result = await work(trx);
      await raw(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await raw(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => undefined);
      throw error;
    }
  });
}

/**
 * Gives a create its document id before Strapi stores it (Strapi keeps a `documentId` found in
 * the data, as its own clone does), so that its path can be claimed in that id's name first.
 */
function assignDocumentId(params: WriteParams): void {
  const data = (params.data ??= {});
  if (typeof data.documentId !== 'string' || data.documentId === '') data.documentId = newDocumentId();
}

/** The caller gets the derived fields of what it wrote, not the values read before they were computed. */
function patchResult(result: any, derived: Map<number, Record<string, unknown>>): void {
  const entries = Array.isArray(result?.entries) ? result.entries : [result];
  for (const entry of entries) {
    const values = entry && derived.get(entry.id);
    if (values) Object.assign(entry, values);
  }
}
