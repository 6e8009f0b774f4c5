import type { Core } from '@strapi/strapi';
import { isValidSlug, toSlug } from '../../core/slug';
import { fail } from '../hook/write-context';

export interface SlugScope {
  uid: string;
  slugField: string;
  locale: string;
  /** The document being written, whose own versions never collide with it. */
  documentId?: string;
  /** Extra equality filters narrowing where a slug must be unique (e.g. the same parent). */
  where?: Record<string, unknown>;
  /** What to call the place in an error message: "another article", "a sibling category". */
  rival: string;
}

/**
 * Returns the slug to store. An explicit slug must be well-formed and free, or the write is
 * refused; one generated from a title takes the first free "-2", "-3"… suffix, because an
 * editor never chose it and should not be stopped by it.
 */
export async function settleSlug(
  strapi: Core.Strapi,
  scope: SlugScope,
  explicit: string | null | undefined,
  fromTitle: string
): Promise<string> {
  const taken = async (candidate: string) =>
    (await strapi.db.query(scope.uid as any).count({
      where: {
        [scope.slugField]: candidate,
        locale: scope.locale,
        ...(scope.documentId ? { documentId: { $ne: scope.documentId } } : {}),
        ...scope.where,
      },
    })) > 0;

  if (explicit) {
    if (!isValidSlug(explicit)) {
      fail(`${scope.slugField} "${explicit}" is not a slug: use lowercase letters, digits and single hyphens`, {
        field: scope.slugField,
      });
    }
    if (await taken(explicit)) {
      fail(`${scope.slugField} "${explicit}" is already used by ${scope.rival} in locale ${scope.locale}`, {
        field: scope.slugField,
      });
    }
    return explicit;
  }

  const base = toSlug(fromTitle);
  if (!base) fail(`Cannot make a slug from "${fromTitle}": give one explicitly`, { field: scope.slugField });
  for (let suffix = 1; ; suffix += 1) {
    const candidate = suffix === 1 ? base : `${base.slice(0, 115)}-${suffix}`;
    if (!(await taken(candidate))) return candidate;
  }
}
