import type { Core } from '@strapi/strapi';
import { colophonConfig } from '../colophon-config';
import type { RelationIntent } from './relation-input';
import { fail } from './write-context';

export interface ResolvedCategory {
  id: number;
  documentId: string;
  locale: string | null;
}

/**
 * Finds the category row a write points at, in the writer's locale, or refuses the write
 * with a message that says what is wrong: no such category, or one that exists only in
 * another locale (a French article cannot sit in an English category).
 */
export async function resolveCategoryIntent(
  strapi: Core.Strapi,
  intent: RelationIntent,
  locale: string,
  field: string
): Promise<ResolvedCategory | null> {
  if (intent.kind !== 'set') return null;
  const uid = colophonConfig(strapi).trails.categoryUid as any;

  if (intent.locale && intent.locale !== locale) {
    fail(`${field} must be a category in the same locale (${locale}), not ${intent.locale}`, { field });
  }
  const where = intent.documentId ? { documentId: intent.documentId } : { id: intent.id };
  const rows: ResolvedCategory[] = await strapi.db.query(uid).findMany({ where, select: ['id', 'documentId', 'locale'] });
  const match = rows.find((row) => row.locale === locale);
  if (match) return match;
  const reference = intent.documentId ?? `#${intent.id}`;
  if (rows.length === 0) fail(`${field}: unknown category ${reference}`, { field });
  fail(
    `${field}: category ${reference} exists in ${rows.map((r) => r.locale).join(', ')} but not in ${locale}; translate it first`,
    { field }
  );
}
