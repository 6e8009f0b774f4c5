import type { CategoryTree } from './category-tree';
import type { RelationIntent } from '../hook/relation-input';
import { fail } from '../hook/write-context';

export interface ResolvedCategory {
  id: number;
  documentId: string;
  locale: string | null;
}

/**
 * Finds the category row a write points at, in the writer's locale, or refuses the write
 * with a message that says what is wrong: no such category, or one that exists only in
 * another locale (a French article cannot sit in an English category). Reads the tree the
 * write loaded anyway, so checking costs no query.
 */
export function resolveCategoryIntent(
  tree: CategoryTree,
  intent: RelationIntent,
  locale: string,
  field: string
): ResolvedCategory | null {
  if (intent.kind !== 'set') return null;
  if (intent.locale && intent.locale !== locale) {
    fail(`${field} must be a category in the same locale (${locale}), not ${intent.locale}`, { field });
  }
  const rows = [...tree.nodes.values()].filter((node) =>
    intent.documentId ? node.documentId === intent.documentId : node.id === intent.id
  );
  const match = rows.find((row) => row.locale === locale);
  if (match) return { id: match.id, documentId: match.documentId, locale: match.locale };
  const reference = intent.documentId ?? `#${intent.id}`;
  if (rows.length === 0) fail(`${field}: unknown category ${reference}`, { field });
  fail(
    `${field}: category ${reference} exists in ${rows.map((r) => r.locale).join(', ')} but not in ${locale}; translate it first`,
    { field }
  );
}
