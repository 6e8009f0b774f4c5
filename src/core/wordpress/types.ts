/**
 * The shapes of a WordPress export (WXR, "WordPress eXtended RSS", versions 1.0 to 1.2) as the
 * import reads them, and of what the pure rules make of them. Names follow WordPress's own
 * (`wp:post_id`, `wp:status`, `wp:comment_approved`, `nicename`), so a reader who knows an
 * export finds each field. Every string is as WordPress wrote it, entities decoded, CDATA
 * sections joined; nothing is trimmed unless the comment says so.
 */

/** The `<channel>`'s own fields: where the old site lived and in which language. */
export interface WxrSite {
  /** `wxr_version` (1.0, 1.1, 1.2), or null when the file does not say. */
  wxrVersion: string | null;
  title: string | null;
  /** `<link>` of the channel: the site's home. */
  link: string | null;
  /** `wp:base_site_url` and `wp:base_blog_url`. */
  baseSiteUrl: string | null;
  baseBlogUrl: string | null;
  /** `<language>`, e.g. `fr-FR`. */
  language: string | null;
}

/** A `wp:category` of the channel. */
export interface WxrCategory {
  kind: 'category';
  /** `wp:term_id`, or 0 where the file does not say (WXR 1.0 has none). */
  termId: number;
  /** `wp:category_nicename`: the slug, percent-encoded when not Latin. */
  nicename: string;
  /** `wp:category_parent`: the parent's nicename, or '' at the root. */
  parent: string;
  /** `wp:cat_name`. */
  name: string;
  /** `wp:category_description`. */
  description: string;
}

/** A `wp:tag` or another `wp:term` (a custom taxonomy): nowhere to go in Colophon yet, only counted. */
export interface WxrTerm {
  kind: 'tag' | 'term';
  termId: number;
  /** `post_tag` for tags, `wp:term_taxonomy` for a term (e.g. `nav_menu`). */
  taxonomy: string;
  slug: string;
  name: string;
}

/** One `<category>` on an item: `domain="category"` or `"post_tag"`, `nicename="…"`, the name as text. */
export interface WxrItemTerm {
  domain: string;
  nicename: string;
  name: string;
}

/** One `wp:postmeta`. */
export interface WxrMeta {
  key: string;
  value: string;
}

/** One `wp:comment` of an item. */
export interface WxrComment {
  /** `wp:comment_id`. */
  commentId: number;
  author: string;
  authorEmail: string;
  authorUrl: string;
  authorIp: string;
  /** `wp:comment_date_gmt` as written (`2017-09-29 14:05:00`), or '' (then `wp:comment_date` is local time). */
  dateGmt: string;
  date: string;
  content: string;
  /** `wp:comment_approved`: `1`, `0`, `spam`, `trash`, `post-trashed`. */
  approved: string;
  /** `wp:comment_type`: '' or `comment` for a comment; `pingback`, `trackback`, `pings`… otherwise. */
  type: string;
  /** `wp:comment_parent`: 0 at the top of the thread. */
  parent: number;
  /** `wp:comment_user_id`: 0 for a visitor. */
  userId: number;
}

/** An `<item>`: a post, a page, an attachment, a revision, a menu item… as `postType` says. */
export interface WxrItem {
  kind: 'item';
  /** `wp:post_id`. */
  postId: number;
  /** `wp:post_type`: `post`, `page`, `attachment`, `revision`, `nav_menu_item`, … */
  postType: string;
  /** `wp:status`: `publish`, `draft`, `pending`, `future`, `private`, `trash`, `auto-draft`, `inherit`. */
  status: string;
  title: string;
  /** `<link>`: the permalink, absolute. */
  link: string;
  /** `<guid>`. */
  guid: string;
  /** `wp:post_name`: the slug, percent-encoded when not Latin; may be '' for a draft. */
  postName: string;
  /** `content:encoded`. */
  content: string;
  /** `excerpt:encoded`. */
  excerpt: string;
  /** `wp:post_date_gmt` (`2017-09-29 14:05:00`, or `0000-00-00 00:00:00` for an unsent draft) and `wp:post_date` (site time). */
  postDateGmt: string;
  postDate: string;
  /** `wp:post_modified_gmt` when present (WXR 1.2 onwards), else ''. */
  postModifiedGmt: string;
  /** `wp:post_parent`: an attachment's post, a revision's post, or 0. */
  postParent: number;
  /** `wp:post_password`: '' when the post has none. */
  postPassword: string;
  /** `wp:comment_status`: `open` or `closed` (whether readers may comment), or '' where the file does not say. */
  commentStatus: string;
  /** `wp:attachment_url` for an attachment, else ''. */
  attachmentUrl: string;
  /** `dc:creator`: the author's login. */
  creator: string;
  terms: WxrItemTerm[];
  meta: WxrMeta[];
  comments: WxrComment[];
}

/** What the streaming reader yields, in file order. */
export type WxrRecord = { kind: 'site'; site: WxrSite } | WxrCategory | WxrTerm | WxrItem;

/** Strapi's rich text (`type: "blocks"`) node, as stored; images carry a Strapi upload. */
export type BlockNode = {
  type: string;
  children?: BlockNode[];
  text?: string;
  level?: number;
  format?: 'ordered' | 'unordered';
  /** A nested list's depth (1 under a top-level list): Strapi's editor sets it on lists it nests and styles bullets by it. */
  indentLevel?: number;
  url?: string;
  language?: string;
  image?: Record<string, unknown>;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strikethrough?: boolean;
  code?: boolean;
};

/**
 * An image found in a post's content before it is uploaded: the wiring looks `src` up under
 * --media-dir, uploads it and puts Strapi's `{ type: 'image', image, children }` in its place.
 */
export interface ImagePlaceholder {
  type: 'wordpress-image';
  /** The `src` as written in the post (absolute URL, or a path). */
  src: string;
  alt: string;
  /** The caption's text, from `[caption]` or `<figcaption>`, links flattened to their text. */
  caption: string;
  /** `wp-image-<id>` or `attachment_<id>` when the markup names it. */
  attachmentId: number | null;
}
