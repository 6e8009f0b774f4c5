import type { Crumb } from '../trail/types';

/** Which version of which document a preview link opens: what its token signs. */
export interface PreviewTarget {
  /** Content type uid, e.g. `api::article.article`: a token for one type opens nothing of another. */
  uid: string;
  documentId: string;
  /** Empty for a type without locales. */
  locale: string;
  status: 'draft' | 'published';
}

/** Blocks of Strapi's rich text field (`type: "blocks"`), as stored. */
export type BlockNode = {
  type: string;
  children?: BlockNode[];
  text?: string;
  level?: number;
  format?: 'ordered' | 'unordered';
  url?: string;
  image?: { url?: string; alternativeText?: string | null };
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strikethrough?: boolean;
  code?: boolean;
};

/**
 * What the preview page shows of an article: the editor's own fields and the ones the hook
 * derived on the last save. Deliberately no author, createdBy or updatedBy: the page never
 * receives a private field, so it cannot render one.
 */
export interface PreviewArticle {
  title: string;
  locale: string;
  status: 'draft' | 'published';
  excerpt?: string | null;
  body?: BlockNode[] | null;
  coverCaption?: string | null;
  breadcrumbs?: Crumb[] | null;
  /** The attribution footer's HTML as the hook rendered it (every value already escaped). */
  attributionHtml?: string | null;
  /** The JSON-LD graph as the hook built it. */
  structuredData?: unknown;
}
