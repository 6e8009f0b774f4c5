import { suffixSlug } from '../../core/slug';

/** Tries of a taken slug before the item is reported as failed: `slug`, `slug-2` … `slug-50`. */
const SLUG_TRIES = 50;

/**
 * Runs `write` with `slug`, and again with `slug-2`, `slug-3`… while the claims ledger answers
 * that the slug or the path it makes is taken (a ValidationError on `slug`): a WordPress slug
 * may already belong to a page Colophon has, and an editor would pick the next free one too.
 * Any other error, or the 50th refusal, reaches the caller.
 */
export async function withFreeSlug<T>(slug: string, write: (slug: string) => Promise<T>): Promise<T> {
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? slug : suffixSlug(slug, n);
    try {
      return await write(candidate);
    } catch (error) {
      if (n >= SLUG_TRIES || !isSlugRefusal(error)) throw error;
    }
  }
}

function isSlugRefusal(error: unknown): boolean {
  const details = (error as { details?: { field?: unknown; errors?: Array<{ path?: unknown[] }> } })?.details;
  if ((error as { name?: string })?.name !== 'ValidationError' || !details) return false;
  return details.field === 'slug' || Boolean(details.errors?.some((entry) => Array.isArray(entry.path) && entry.path[0] === 'slug'));
}

/** What a failed item is reported with: Strapi's message and the field it names, when it names one. */
export function describeFailure(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  const field = (error as { details?: { field?: unknown } })?.details?.field;
  return typeof field === 'string' && field !== '' && !message.includes(field) ? `${message} (${field})` : message;
}
