import type { Core } from '@strapi/strapi';
import { fieldError } from '../errors';

/** The parts of a document service call the handlers read and amend. */
export interface WriteParams {
  documentId?: string;
  locale?: string;
  status?: string;
  data?: Record<string, unknown>;
}

export async function defaultLocale(strapi: Core.Strapi): Promise<string> {
  return (await strapi.plugin('i18n').service('locales').getDefaultLocale()) ?? 'en';
}

/** The locale a write lands in, as the document service will resolve it. */
export async function writeLocale(strapi: Core.Strapi, params: WriteParams): Promise<string> {
  return params.locale && params.locale !== '*' ? params.locale : defaultLocale(strapi);
}

/**
 * Derived fields are the hook's to write. A caller who sends them is not refused (a client
 * that round-trips a whole document should not break), but what it sent is dropped.
 */
export function dropDerivedFields(data: Record<string, unknown> | undefined, fields: readonly string[]): void {
  if (!data) return;
  for (const field of fields) delete data[field];
}

/**
 * Refuses a write with a 400 naming `details.field` (a field or a dotted path such as
 * `credits.0.url`), in the shape the admin reads (see fieldError). A refusal of the whole
 * document (a delete) names no field: its error's path is empty. Other details are kept.
 */
export function fail(message: string, details: Record<string, unknown> & { field?: string } = {}): never {
  const { field, ...extra } = details;
  throw fieldError(message, field ?? [], extra);
}

/** Refuses a write with a 400 whose single error names a nested path, e.g. ['credits', 1, 'url']. */
export function failAt(path: Array<string | number>, message: string): never {
  throw fieldError(message, path);
}
