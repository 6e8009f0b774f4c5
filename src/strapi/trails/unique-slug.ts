import type { Core } from '@strapi/strapi';
import { isValidSlug, suffixSlug, toSlug } from '../../core/slug';
import { fail } from '../hook/write-context';
import { findReservedPath } from '../../core/trail';
import { describeClaim, findPathClaim, type PathClaim } from './path-claims';
import { loadSiteSettings } from './site-settings';
import { claimPath, claimSlug, ledgerOf } from '../claims/ledger';

export interface SlugScope {
  uid: string;
  slugField: string;
  locale: string;
  /** The document being written, whose own versions never collide with it. */
  documentId?: string;
  /**
   * Claim the slug's path (and, with `claimSlug`, the slug) for `documentId` in the ledger,
   * inside the write's transaction: the database then refuses the path to any other writer,
   * on any app instance, until this one rolls back. Off for a preview, which writes nothing.
   */
  claim?: boolean;
  /** Trail targets keep one slug per locale whatever their category: claim it too. */
  claimSlug?: boolean;
  /** The public path the document would get with a given slug. */
  pathOf: (slug: string) => string;
  /**
   * A rival of the document's own type the path alone would not find (articles keep one slug
   * per locale whatever their category; categories check siblings in the tree they hold).
   */
  findSameTypeRival?: (slug: string) => Promise<PathClaim | null> | PathClaim | null;
}

/**
 * Returns the slug to store, such that the document's path is free in its locale: no article,
 * category or other trail type of that locale holds it (one URL space per locale), and it does
 * not start where another locale's prefix does (core's findReservedPath). An explicit
 * slug must be well-formed and free, or the write is refused with a 400 on `slugField` that
 * names the document in the way; one generated from a title takes the first free "-2", "-3"…
 * suffix, because an editor never chose it and should not be stopped by it.
 */
export async function settleSlug(
  strapi: Core.Strapi,
  trx: unknown,
  scope: SlugScope,
  explicit: string | null | undefined,
  fromTitle: string
): Promise<string> {
  const ledger = ledgerOf(strapi);
  const claiming = scope.claim !== false && Boolean(scope.documentId);
  // Rows of a type without locales have none (null), and the ledger keeps their claims under ''.
  const localized = strapi.plugin('i18n')?.service('content-types')?.isLocalizedContentType(strapi.contentType(scope.uid as any)) ?? true;
  const claimLocale = localized ? scope.locale : '';
  // The rows first: a row stored with the hook off (a bulk import before `npm run rederive`)
  // holds its path without a claim. Then the ledger, where a concurrent writer's claim shows.
  const rivalOf = async (candidate: string): Promise<PathClaim | null> => {
    const path = scope.pathOf(candidate);
    const rival =
      (await scope.findSameTypeRival?.(candidate)) ??
      (await findPathClaim(strapi, trx, path, scope.locale, { uid: scope.uid, documentId: scope.documentId }));
    if (rival || !claiming) return rival;
    const owner = { uid: scope.uid, documentId: scope.documentId! };
    return (
      (scope.claimSlug ? await claimSlug(ledger, trx, { uid: scope.uid, locale: claimLocale, slug: candidate }, owner.documentId) : null) ??
      (await claimPath(ledger, trx, { locale: claimLocale, path }, owner))
    );
  };
  // Another locale's URL space (its prefix) is no one's to take, not even when it is empty.
  const site = await loadSiteSettings(strapi);
  const locales = ((await strapi.plugin('i18n').service('locales').find()) as Array<{ code: string }>).map((l) => l.code);
  const reservedBy = (candidate: string) => findReservedPath(scope.pathOf(candidate), site, scope.locale, locales);

  if (explicit) {
    if (!isValidSlug(explicit)) {
      fail(`${scope.slugField} "${explicit}" is not a slug: use lowercase letters, digits and single hyphens`, {
        field: scope.slugField,
      });
    }
    const reason = reservedBy(explicit);
    if (reason) {
      fail(`${scope.slugField} "${explicit}" would give the path ${scope.pathOf(explicit)}, which is ${reason}`, { field: scope.slugField });
    }
    const rival = await rivalOf(explicit);
    if (rival) refuseTaken(scope, explicit, rival);
    return explicit;
  }

  // In the document's own language: "&" is "et" in a French slug, "and" in an English one.
  const base = toSlug(fromTitle, scope.locale);
  if (!base) fail(`Cannot make a slug from "${fromTitle}": give one explicitly`, { field: scope.slugField });
  for (let suffix = 1; suffix <= MAX_SUFFIX; suffix += 1) {
    const candidate = suffix === 1 ? base : suffixSlug(base, suffix);
    if (!reservedBy(candidate) && !(await rivalOf(candidate))) return candidate;
  }
  // Only a parent on a path no page may have (a category a hand edit put in another locale's
  // URL space) makes every suffix taken: say so rather than search for ever.
  fail(`No free slug from "${base}" up to "${suffixSlug(base, MAX_SUFFIX)}" at ${scope.pathOf(base)}: give one explicitly, or move it`, {
    field: scope.slugField,
  });
}

/** The last suffix a generated slug tries before giving up. */
const MAX_SUFFIX = 1000;

/** The 400 for an explicit slug whose path (or, for a trail target, whose slug) someone else holds. */
export function refuseTaken(scope: Pick<SlugScope, 'slugField' | 'pathOf' | 'locale'>, slug: string, rival: PathClaim): never {
  if (rival.reserved) {
    fail(`${scope.slugField} "${slug}" would give the path ${scope.pathOf(slug)}, which is ${rival.reserved}`, { field: scope.slugField });
  }
  fail(
    `${scope.slugField} "${slug}" would give the path ${scope.pathOf(slug)}, already used by ${describeClaim(rival)} in locale ${scope.locale}`,
    { field: scope.slugField, rival: { uid: rival.uid, type: rival.type, documentId: rival.documentId } }
  );
}
