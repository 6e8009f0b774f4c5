import type { Core } from '@strapi/strapi';
import type { IdMap } from './id-map';
import type { AttachmentInfo } from './posts';
import type { ImportReport } from './report';

/** The content types an import writes, read from Colophon's config rather than spelt here. */
export interface ImportTypes {
  article: string;
  category: string;
  source: string;
  comment: string;
}

/**
 * What every step of one import run shares: the app, where its memory of WordPress ids lives,
 * the locale everything is written in, the report being filled, and the run's options.
 */
export interface ImportContext {
  strapi: Core.Strapi;
  types: ImportTypes;
  ids: IdMap;
  /** The Colophon locale of the imported site (the export's language when the app has it, else the default locale). */
  locale: string;
  report: ImportReport;
  dryRun: boolean;
  /** Replace what editors changed or deleted in Colophon since the last import (--overwrite). */
  overwrite: boolean;
  /** Where WordPress's uploads were copied (wp-content/uploads), or null: images are then reported missing. */
  mediaDir: string | null;
  /** The old site's home URLs (`<link>`, `wp:base_site_url`, `wp:base_blog_url`): links to them are the site's own. */
  siteUrls: string[];
  /** WordPress attachment id -> its file's URL and caption, read in a first pass so that order in the file does not matter. */
  attachments: Map<number, AttachmentInfo>;
  /** Attachments (and images known by URL only) a post of this run showed: the others are reported unused. */
  usedAttachments: Set<number>;
  /** Category nicename -> the category document it became. */
  categories: Map<string, string>;
  /** Category nicename -> its parent's nicename, for WordPress's category URLs. */
  categoryParents: Map<string, string>;
}
