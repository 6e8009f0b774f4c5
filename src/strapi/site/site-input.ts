import type { WebUrlOptions } from '../../core/attribution';
import type { TextFieldKinds } from '../../core/text';
import { normalizeUrlField, stripTextFields } from '../attribution/credit-input';

/**
 * The Site's URL fields. Every breadcrumb, canonical and JSON-LD URL is `baseUrl` followed by a
 * path, so a query or fragment there would end up in the middle of all of them
 * (`https://example.org/#top/blog/…`).
 */
export const SITE_URL_FIELDS: Record<string, WebUrlOptions> = {
  baseUrl: { allowQuery: false, allowFragment: false },
  logoUrl: {},
};

/** The Site's public text: its name and blog label are crumbs, the separator joins every breadcrumbText. */
export const SITE_TEXT_FIELDS: TextFieldKinds = { text: ['name', 'blogLabel', 'breadcrumbSeparator', 'defaultLocale'] };

/**
 * The Site as sent by any door (REST, GraphQL, the Content Manager, code), before Strapi
 * writes it, in place: baseUrl and logoUrl normalised by the rule every URL field follows
 * (normalizeWebUrl; baseUrl with neither query nor fragment), a 400 naming the field when
 * one is not an http(s) address; the text fields stripped of bidi controls and invisible
 * characters (a name of nothing but those is a 400 naming `name`).
 */
export function prepareSiteInput(data: Record<string, unknown> | undefined): void {
  if (!data) return;
  for (const [field, options] of Object.entries(SITE_URL_FIELDS)) normalizeUrlField(data, field, [field], options);
  stripTextFields(data, SITE_TEXT_FIELDS, [], ['name']);
}
