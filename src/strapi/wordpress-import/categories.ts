import { toSlug } from '../../core/slug';
import { planOldPaths } from '../../core/wordpress/planOldPaths';
import { toPlainText } from '../../core/wordpress/toPlainText';
import type { WxrCategory } from '../../core/wordpress/types';
import type { ImportContext } from './context';
import { fingerprintOf, syntheticId } from './id-map';
import { recordOldPaths } from './old-paths';
import { tally } from './report';
import { describeFailure, withFreeSlug } from './writes';

/**
 * Imports the export's categories as Colophon's category tree, parents first whatever their
 * order in the file (WordPress names a parent by its nicename, and lists it wherever), each in
 * its own transaction, and fills `context.categories` (nicename -> document). A parent the
 * export does not hold leaves its child at the root, reported; a loop of parents is broken at
 * the category met first, reported. An unchanged category writes nothing.
 */
export async function importCategories(context: ImportContext, categories: WxrCategory[]): Promise<void> {
  const byNicename = new Map(categories.map((category) => [category.nicename, category]));
  const ordered: WxrCategory[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (category: WxrCategory) => {
    if (placed.has(category.nicename)) return;
    if (visiting.has(category.nicename)) {
      context.report.skipped.push({ kind: 'category', wpId: category.termId || null, reason: `its parents loop back to it; placed at the root` });
      category.parent = '';
      return;
    }
    visiting.add(category.nicename);
    const parent = category.parent ? byNicename.get(category.parent) : undefined;
    if (category.parent && !parent) {
      context.report.skipped.push({ kind: 'category', wpId: category.termId || null, reason: `parent "${category.parent}" is not in the export; placed at the root` });
      category.parent = '';
    }
    if (parent) place(parent);
    visiting.delete(category.nicename);
    placed.add(category.nicename);
    ordered.push(category);
  };
  for (const category of categories) place(category);

  for (const category of ordered) await importCategory(context, category);
}

async function importCategory(context: ImportContext, category: WxrCategory): Promise<void> {
  const { strapi, ids, locale } = context;
  const wpId = category.termId || syntheticId(`category:${category.nicename}`);
  const parentDocumentId = category.parent ? (context.categories.get(category.parent) ?? null) : null;
  const slug = toSlug(safeDecode(category.nicename), locale) || toSlug(category.name, locale) || `category-${Math.abs(wpId)}`;
  // WordPress stores term names escaped ("News &amp; Events").
  const name = toPlainText(category.name, { whitespace: 'inline' }).slice(0, 120);
  const data = { name: name || slug, description: toPlainText(category.description).slice(0, 5000) || null, parent: parentDocumentId };
  const fingerprint = fingerprintOf({ ...data, slug });
  const documents = strapi.documents(context.types.category as any);
  try {
    const outcome = await strapi.db.transaction(async ({ trx }) => {
      const known = await ids.find(trx, 'category', wpId);
      const stored = known ? await documents.findOne({ documentId: known.documentId, locale } as any) : null;
      if (stored && known!.fingerprint === fingerprint) {
        context.categories.set(category.nicename, known!.documentId);
        return 'unchanged' as const;
      }
      if (context.dryRun) {
        context.categories.set(category.nicename, stored ? known!.documentId : `(new ${category.nicename})`);
        return stored ? ('updated' as const) : ('created' as const);
      }
      let documentId: string;
      if (stored) {
        await documents.update({ documentId: known!.documentId, locale, data: { ...data, slug } } as any);
        documentId = known!.documentId;
      } else {
        const created: any = await withFreeSlug(slug, (free) => documents.create({ locale, data: { ...data, slug: free } } as any));
        documentId = created.documentId;
      }
      await ids.remember(trx, 'category', wpId, { documentId, locale, fingerprint });
      context.categories.set(category.nicename, documentId);
      const paths = planOldPaths({ link: categoryLink(context, category), siteUrls: context.siteUrls, kind: 'category', id: category.termId, nicename: category.nicename });
      await recordOldPaths(
        context,
        trx,
        { uid: context.types.category, documentId, kind: 'category', wpId: category.termId || null },
        category.termId > 0 ? paths : paths.filter((path) => !path.startsWith('/?'))
      );
      return stored ? ('updated' as const) : ('created' as const);
    });
    tally(context.report, 'category', outcome);
  } catch (error) {
    tally(context.report, 'category', 'skipped', { wpId: category.termId || null, reason: describeFailure(error), failed: true });
  }
}

/**
 * A category's old URL: WXR gives none, so it is WordPress's default category base
 * (`/category/<parent>/<child>/`) under the site's home.
 */
function categoryLink(context: ImportContext, category: WxrCategory): string {
  const chain: string[] = [];
  const seen = new Set<string>();
  for (let nicename: string | undefined = category.nicename; nicename && !seen.has(nicename); ) {
    seen.add(nicename);
    chain.unshift(nicename);
    nicename = context.categoryParents.get(nicename);
  }
  const home = (context.siteUrls[0] ?? 'http://localhost').replace(/\/+$/, '');
  return `${home}/category/${chain.join('/')}/`;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
