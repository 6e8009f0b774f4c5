import { toSlug } from '../slug/toSlug';
import { readWordpressDate } from './readWordpressDate';
import { toPlainText } from './toPlainText';
import type { WxrItem } from './types';

export const EXCERPT_MAX_LENGTH = 1000;

export interface ArticlePlanOptions {
  /** The export's categories by `wp:category_nicename`, as written there. */
  categories: ReadonlyMap<string, unknown>;
  /** The post's language (BCP 47, e.g. the channel's `fr-FR`): picks toSlug's table ("&" is "et" in French). */
  language?: string | null;
}

export interface ArticlePlan {
  title: string;
  /** Matches Colophon's slug rule (isValidSlug). */
  slug: string;
  /** Plain text, at most EXCERPT_MAX_LENGTH characters; '' when the post has none. */
  excerpt: string;
  /** Whether the article is published. */
  publish: boolean;
  /** Whether the post was hidden from the public in WordPress (private, or behind a password). */
  neverPublic: boolean;
  /** ISO 8601 UTC (`2017-09-29T14:05:00.000Z`), only for a published post. */
  firstPublishedAt: string | null;
  /** ISO 8601 UTC from `wp:post_modified_gmt`, or null. */
  updatedAt: string | null;
  /** The primary category's nicename, a key of `options.categories`, or null. */
  categoryNicename: string | null;
  /** The attachment's `wp:post_id` from `_thumbnail_id`, or null. */
  thumbnailId: number | null;
  /** Every `_wp_old_slug`, as WordPress stored them (percent-encoded when not Latin), deduplicated. */
  oldSlugs: string[];
  /** `wp:status` as the export says. */
  status: string;
}

export type ArticlePlanResult = { skip: string } | { kind: 'page'; skip: string } | { article: ArticlePlan };

// Post types WordPress keeps for itself: what they hold is not an article, or lives elsewhere.
const NOT_ARTICLES: Record<string, string> = {
  revision: 'revision: an earlier version of another post, kept by WordPress for its history',
  nav_menu_item: 'nav_menu_item: an entry of a navigation menu',
  custom_css: 'custom_css: the theme’s additional CSS',
  customize_changeset: 'customize_changeset: unsaved Customizer settings',
  oembed_cache: 'oembed_cache: a cached embed',
  user_request: 'user_request: a personal-data export or erasure request',
  wp_block: 'wp_block: a reusable block, inlined where posts use it',
  wp_template: 'wp_template: a block theme template',
  wp_template_part: 'wp_template_part: a block theme template part',
  wp_global_styles: 'wp_global_styles: the block theme’s styles',
  wp_navigation: 'wp_navigation: a block navigation menu',
  wp_font_family: 'wp_font_family: an installed font',
  wp_font_face: 'wp_font_face: an installed font',
};

const SKIPPED_STATUSES: Record<string, string> = {
  trash: 'trash: the post was deleted in WordPress',
  'auto-draft': 'auto-draft: WordPress’s placeholder for a post never written',
  inherit: 'inherit: a revision or attachment status, not a post’s',
};

const UNPUBLISHED_STATUSES = new Set(['draft', 'pending', 'future']);

/**
 * What an article imported from a WordPress `<item>` must be, by WordPress's own rules, or
 * why the item is not imported as an article.
 *
 * - Only `post` becomes an article. A `page` gives `{ kind: 'page', skip }` (Colophon has no
 *   pages yet); an `attachment` gives `{ skip: 'attachment' }` (the media step handles them);
 *   every other type (revisions, menu items, custom CSS, reusable blocks, templates, custom
 *   post types) gives `{ skip: reason }`.
 * - Status, as WordPress shows posts (wp-includes/post.php, `get_post_status`): `publish` is
 *   published with its original date; `draft`, `pending` and `future` are not (a scheduled post
 *   must not go live before its time, and the import cannot schedule it); `private`, and any
 *   post with a `wp:post_password`, was hidden from the public: `neverPublic: true`, not
 *   published; `trash`, `auto-draft` and `inherit` are skipped. A status no core WordPress
 *   writes (a plugin's) is imported unpublished, so nothing is shown that was not.
 * - `firstPublishedAt` (published posts only): `wp:post_date_gmt` read as UTC. When it is
 *   empty or `0000-00-00 00:00:00` (WordPress leaves it so for drafts, and some exports for
 *   posts published through XML-RPC or imports), `wp:post_date`, which is site time, is read
 *   as if it were UTC: off by the site's offset, but the only date there is. A date that is no
 *   calendar date gives null. `updatedAt`: `wp:post_modified_gmt`, or null.
 * - `slug`: `wp:post_name` percent-decoded (non-Latin slugs are stored encoded:
 *   `%d0%bf%d1%80%d0%b8` is "при"), then toSlug in `options.language`, so it matches
 *   Colophon's slug rule (Cyrillic is transliterated). When that gives nothing (a draft has
 *   no post_name yet; a Chinese slug has no Latin spelling), the title's slug; when that too
 *   is empty, `post-<wp:post_id>`.
 * - `title`: as the export has it (the reader decoded the entities), only trimmed.
 * - `excerpt`: `excerpt:encoded` as plain text (tags stripped, entities decoded, whitespace
 *   collapsed), cut after a word to at most EXCERPT_MAX_LENGTH characters with "…". An empty
 *   one stays empty: WordPress makes one from the content only on display (wp_trim_excerpt).
 * - `categoryNicename`: the first `<category domain="category">` of the item that
 *   `options.categories` knows (WordPress lists a post's categories in term order, and has no
 *   notion of a primary one beyond that), matched as written or with its percent-encoding
 *   normalised; null when there is none.
 * - `thumbnailId`: the `_thumbnail_id` postmeta (the featured image), `oldSlugs`: every
 *   `_wp_old_slug` (what wp_old_slug_redirect follows).
 * Never throws.
 */
export function planArticleFromPost(item: WxrItem, options: ArticlePlanOptions): ArticlePlanResult {
  const postType = (item.postType ?? '').trim();
  if (postType === 'page') return { kind: 'page', skip: 'page: Colophon imports posts as articles, not pages' };
  if (postType === 'attachment') return { skip: 'attachment' };
  if (postType !== 'post') {
    return { skip: NOT_ARTICLES[postType] ?? `${postType || '(no type)'}: a post type with no Colophon type to receive it` };
  }
  const status = (item.status ?? '').trim();
  if (SKIPPED_STATUSES[status]) return { skip: SKIPPED_STATUSES[status] };

  const hidden = status === 'private' || (item.postPassword ?? '') !== '';
  const publish = !hidden && status === 'publish';
  const language = options.language ?? null;
  const title = (item.title ?? '').trim();

  return {
    article: {
      title,
      slug: planSlug(item, title, language),
      excerpt: cutOnWord(toPlainText(item.excerpt, { whitespace: 'inline' }), EXCERPT_MAX_LENGTH),
      publish,
      neverPublic: hidden,
      firstPublishedAt: publish ? (readWordpressDate(item.postDateGmt) ?? readWordpressDate(item.postDate)) : null,
      updatedAt: readWordpressDate(item.postModifiedGmt),
      categoryNicename: findPrimaryCategory(item, options.categories),
      thumbnailId: readThumbnailId(item),
      oldSlugs: unique(metaValues(item, '_wp_old_slug').map((value) => value.trim()).filter((value) => value !== '')),
      status,
    },
  };
}

function planSlug(item: WxrItem, title: string, language: string | null): string {
  const fromName = toSlug(percentDecode(item.postName ?? ''), language);
  if (fromName !== '') return fromName;
  const fromTitle = toSlug(title, language);
  if (fromTitle !== '') return fromTitle;
  return `post-${Number.isSafeInteger(item.postId) && item.postId > 0 ? item.postId : 0}`;
}

/** The text with its percent-encoded UTF-8 decoded; a malformed sequence is left as written. */
function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // One bad escape must not lose the rest: decode the well-formed runs one by one.
    return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

function findPrimaryCategory(item: WxrItem, categories: ReadonlyMap<string, unknown>): string | null {
  const byNormalisedName = new Map<string, string>();
  for (const key of categories.keys()) byNormalisedName.set(percentDecode(key).normalize('NFC').toLowerCase(), key);
  for (const term of item.terms ?? []) {
    if (term.domain !== 'category' || !term.nicename) continue;
    if (categories.has(term.nicename)) return term.nicename;
    const key = byNormalisedName.get(percentDecode(term.nicename).normalize('NFC').toLowerCase());
    if (key !== undefined) return key;
  }
  return null;
}

function metaValues(item: WxrItem, key: string): string[] {
  return (item.meta ?? []).filter((meta) => meta.key === key && typeof meta.value === 'string').map((meta) => meta.value);
}

function readThumbnailId(item: WxrItem): number | null {
  for (const value of metaValues(item, '_thumbnail_id')) {
    const text = value.trim();
    if (/^\d{1,15}$/.test(text) && Number(text) > 0) return Number(text);
  }
  return null;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** `text` within `maxLength` characters, cut after its last whole word with "…" when too long. */
function cutOnWord(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let head = text.slice(0, maxLength - 1);
  const lastSpace = head.search(/\s\S*$/);
  if (lastSpace > 0) head = head.slice(0, lastSpace);
  // Half a surrogate pair would render as a replacement box.
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  return `${head.replace(/[\s,;:.\-–—]+$/u, '')}…`;
}
