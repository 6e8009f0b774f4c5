/**
 * What the admin's edit and list views call each field, and the help line under it. The
 * Content Manager otherwise shows raw attribute names (`commentStatus`, `coverCaption`) and no
 * help at all. Every attribute of Colophon's types and components has an entry; a test fails
 * when a new one has none. Terms follow the field's standards (schema.org, WordPress).
 */
export interface FieldText {
  label: string;
  description: string;
}

/** Per content type or component uid, per attribute. */
export type FieldLabels = Record<string, Record<string, FieldText>>;

const DERIVED = 'Computed by Colophon on every save; read-only.';

export const FIELD_LABELS: FieldLabels = {
  'api::article.article': {
    title: { label: 'Title', description: 'The headline, as readers see it.' },
    slug: { label: 'Slug', description: 'The last part of the URL. Left empty, it is made from the title.' },
    excerpt: { label: 'Excerpt', description: 'One or two sentences for lists and social cards.' },
    body: { label: 'Body', description: 'The text of the article.' },
    cover: { label: 'Cover image', description: 'The main image; credit its photographer with a Photo credit.' },
    coverCaption: { label: 'Cover caption', description: 'Shown under the cover image.' },
    category: { label: 'Category', description: 'The primary category: it decides the breadcrumb trail and the URL.' },
    allowComments: { label: 'Allow comments', description: 'Readers may post comments on this article.' },
    commentCount: { label: 'Approved comments', description: DERIVED },
    credits: {
      label: 'Credits',
      description: 'Who made what: the original, author, photographer, translator. They render as the attribution footer.',
    },
    syndication: {
      label: 'Search engines',
      description:
        'Default follows who did the work: our own articles and translations are indexed; a republication follows its Source’s agreement. Override only when the agreement says otherwise.',
    },
    breadcrumbs: { label: 'Breadcrumb trail', description: DERIVED },
    breadcrumbText: { label: 'Breadcrumb text', description: DERIVED },
    path: { label: 'Public path', description: DERIVED },
    attribution: { label: 'Attribution footer', description: `${DERIVED} Text, HTML and Markdown of the credits.` },
    seo: { label: 'SEO hints', description: `${DERIVED} Canonical URL, robots directives, hreflang alternates and feeds.` },
    structuredData: { label: 'Structured data (JSON-LD)', description: `${DERIVED} schema.org NewsArticle and BreadcrumbList.` },
    structuredDataHtml: {
      label: 'Structured data, ready to inline',
      description: `${DERIVED} The JSON-LD as a <script> block with <, > and & escaped, for frontends to write into the page as is.`,
    },
  },
  'api::category.category': {
    name: { label: 'Name', description: 'As shown in breadcrumbs and menus.' },
    slug: { label: 'Slug', description: 'Its part of the URL. Left empty, it is made from the name.' },
    description: { label: 'Description', description: 'Shown on the category page.' },
    parent: { label: 'Parent category', description: 'Leave empty for a top-level category. A category cannot sit under itself or its own children.' },
    children: { label: 'Subcategories', description: 'Set from each subcategory’s Parent category.' },
    articles: { label: 'Articles', description: 'Articles filed here as their primary category.' },
    path: { label: 'Public path', description: DERIVED },
    breadcrumbs: { label: 'Breadcrumb trail', description: DERIVED },
    seo: { label: 'SEO hints', description: `${DERIVED} Canonical URL, hreflang alternates and feeds.` },
  },
  'api::comment.comment': {
    article: { label: 'Article', description: 'The article commented on.' },
    parent: { label: 'In reply to', description: 'The comment this one answers, if any.' },
    parentDocumentId: { label: 'In reply to (id)', description: DERIVED },
    depth: { label: 'Thread level', description: `${DERIVED} 1 for a top-level comment.` },
    authorName: { label: 'Author', description: 'The name the reader gave, shown publicly.' },
    authorEmail: { label: 'Author email', description: 'Private: never shown to readers.' },
    body: { label: 'Comment', description: 'What the reader wrote.' },
    bodyHtml: { label: 'Comment as HTML', description: `${DERIVED} Links are made safe (nofollow ugc).` },
    commentStatus: { label: 'Status', description: 'Pending until approved; spam and trash are never shown to readers.' },
    moderationReason: { label: 'Why this status', description: 'Which moderation rule decided, or who did. Private.' },
    ipHash: { label: 'IP hash', description: 'A keyed hash of the poster’s IP, for flood control. The IP itself is never stored.' },
    userAgent: { label: 'Browser', description: 'The poster’s user agent. Private.' },
    user: { label: 'Reader account', description: 'The signed-in reader who posted it, if any.' },
    reportCount: { label: 'Reports', description: 'Readers’ open reports. At COMMENT_REPORTS_TO_HOLD an approved comment goes back to pending; approving it dismisses them.' },
    reportReasons: { label: 'Reported for', description: 'The open reports’ reasons, most frequent first. Private.' },
    notifyReplies: { label: 'Mail me replies', description: 'The commenter asked to be emailed when a reply is approved; mail goes only once the address is confirmed. Private.' },
  },
  'api::redirect.redirect': {
    from: { label: 'From path', description: 'An old public path.' },
    to: { label: 'To path', description: 'Where it moved.' },
    statusCode: { label: 'HTTP status', description: '301 (moved permanently) or 302.' },
    match: { label: 'Match', description: 'Exact: this path only. Prefix: this path and everything beneath it.' },
  },
  'api::site.site': {
    name: { label: 'Site name', description: 'The first crumb of every trail, and the publisher’s name.' },
    baseUrl: { label: 'Base URL', description: 'The public origin (https://example.org): makes URLs in trails and JSON-LD absolute.' },
    blogLabel: { label: 'Blog label', description: 'The second crumb (e.g. Blog).' },
    blogPath: { label: 'Blog path', description: 'Where articles live (e.g. /blog). Changing it moves every path and records redirects.' },
    breadcrumbSeparator: { label: 'Breadcrumb separator', description: 'Between crumbs in the breadcrumb text (e.g. " > ").' },
    defaultLocale: { label: 'Default language', description: 'The language of the site’s main edition.' },
    localePrefix: {
      label: 'Language in URLs',
      description: 'prefix-except-default: /en/blog/… beside /blog/… for the default language (recommended); prefix-always: every language gets its prefix; none: a one-language site. Changing it moves every path and records redirects.',
    },
    logoUrl: { label: 'Logo URL', description: 'The publisher logo search engines show with articles (https://…, at least 112 px wide).' },
  },
  'api::source.source': {
    name: { label: 'Name', description: 'The outlet, agency or person credited.' },
    slug: { label: 'Slug', description: 'Left empty, it is made from the name.' },
    kind: { label: 'Kind', description: 'Outlet, agency or person.' },
    website: { label: 'Website', description: 'Its home page (https://…).' },
    language: { label: 'Language', description: 'The language it publishes in (e.g. en, fr).' },
    license: { label: 'License', description: 'The terms under which its work may be republished.' },
    licenseUrl: { label: 'License URL', description: 'Where those terms are published.' },
    allowsRepublication: { label: 'Allows republication', description: 'Whether articles credited to it as the original may be published.' },
    syndication: {
      label: 'Republication agreement',
      description: 'What search engines are told about our copies of its work: noindex (default), noindex for Google News only, or a canonical link to its page.',
    },
    acquireLicensePage: { label: 'Licensing page', description: 'Where readers can license its images (https://…); shown to search engines.' },
  },
  'editorial.credit': {
    role: { label: 'Role', description: 'Original, author, photo, translation, adaptation or via.' },
    source: { label: 'Source', description: 'The outlet, agency or person credited.' },
    person: { label: 'Person', description: 'A named author, photographer or translator.' },
    url: { label: 'URL', description: 'The credited page (https://…). A pasted www.… address is accepted.' },
    title: { label: 'Title', description: 'The credited work’s title, e.g. the original headline.' },
    language: { label: 'Language', description: 'The credited work’s language (e.g. en).' },
    caption: { label: 'Caption', description: 'For a photo credit: what the picture shows.' },
    note: { label: 'Note', description: 'Anything else the footer should say.' },
    sourceName: {
      label: 'Source name (kept)',
      description: 'Filled in automatically when the credited Source is deleted, so the footer keeps its name; read-only.',
    },
  },
};

/** Fields the editor must not type into: derived by the hook, or recorded by the server. */
export const READ_ONLY_FIELDS: Record<string, string[]> = {
  'api::article.article': ['breadcrumbs', 'breadcrumbText', 'path', 'attribution', 'seo', 'structuredData', 'structuredDataHtml', 'commentCount'],
  // children and articles are set from the other side (a category's parent, an article's category).
  'api::category.category': ['path', 'breadcrumbs', 'seo', 'children', 'articles'],
  // What the server records or derives about a comment (src/strapi/comments).
  'api::comment.comment': ['parentDocumentId', 'depth', 'bodyHtml', 'moderationReason', 'ipHash', 'userAgent', 'user', 'reportCount', 'reportReasons'],
  'editorial.credit': ['sourceName'],
};
