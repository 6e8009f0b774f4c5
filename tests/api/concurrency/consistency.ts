import path from 'node:path';
import type { TestApp } from '../../helpers/strapi';

const ARTICLE_FIELDS = ['path', 'breadcrumbs', 'breadcrumbText', 'structuredData', 'seo', 'attribution'];
const CATEGORY_FIELDS = ['path', 'breadcrumbs'];

/** JSON compared whatever the key order (PostgreSQL's jsonb sorts keys). */
function canonical(value: unknown): unknown {
  if (typeof value === 'string' && /^[[{]/.test(value)) {
    try {
      return canonical(JSON.parse(value));
    } catch {
      return value;
    }
  }
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as any)[key])]));
  }
  return value;
}

/**
 * What a fresh derivation disagrees with: re-derives everything inside a transaction that is
 * rolled back, and lists each stored field that differs, each damaged category (a cycle), each
 * exact redirect leaving a live page or leading to a dead one, and each prefix rule leading
 * nowhere. An empty list means the store is exactly what the rules give.
 */
export async function findInconsistencies(app: TestApp): Promise<string[]> {
  const { strapi } = app;
  const problems: string[] = [];
  const snapshot = async () => {
    const rows = new Map<string, unknown>();
    for (const row of await strapi.db.query('api::article.article').findMany({ select: ['id', ...ARTICLE_FIELDS] })) {
      for (const field of ARTICLE_FIELDS) rows.set(`article #${row.id} ${field}`, canonical(row[field]));
    }
    for (const row of await strapi.db.query('api::category.category').findMany({ select: ['id', ...CATEGORY_FIELDS] })) {
      for (const field of CATEGORY_FIELDS) rows.set(`category #${row.id} ${field}`, canonical(row[field]));
    }
    return rows;
  };

  const stored = await snapshot();
  const { cascadeEverything } = require(path.join(strapi.dirs.dist.root, 'src/strapi/derived/cascade.js'));
  const { loadCategoryTree } = require(path.join(strapi.dirs.dist.root, 'src/strapi/derived/category-tree.js'));
  const rollback = new Error('rollback');
  await strapi.db
    .transaction(async ({ trx }) => {
      const tree = await loadCategoryTree(strapi, trx);
      for (const [id, damage] of tree.damaged) problems.push(`category #${id}: ${damage.message}`);
      await cascadeEverything(strapi, trx);
      const fresh = await snapshot();
      for (const [key, value] of fresh) {
        if (JSON.stringify(value) !== JSON.stringify(stored.get(key))) problems.push(`${key} is stale`);
      }
      throw rollback;
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });

  const live = new Set<string>();
  for (const row of await strapi.db.query('api::article.article').findMany({ where: { publishedAt: { $notNull: true } }, select: ['path'] })) {
    live.add(row.path);
  }
  for (const row of await strapi.db.query('api::category.category').findMany({ select: ['path'] })) live.add(row.path);
  for (const redirect of await strapi.db.query('api::redirect.redirect').findMany({})) {
    if (redirect.match === 'prefix') {
      if (!live.has(redirect.to.replace(/\/$/, ''))) problems.push(`prefix rule ${redirect.from} -> ${redirect.to} leads nowhere`);
      continue;
    }
    if (live.has(redirect.from)) problems.push(`redirect ${redirect.from} -> ${redirect.to} shadows a live page`);
    if (!live.has(redirect.to)) problems.push(`redirect ${redirect.from} -> ${redirect.to} leads to a dead path`);
  }
  return problems;
}
