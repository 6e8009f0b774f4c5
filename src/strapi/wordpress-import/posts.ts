import { convertContentToBlocks } from '../../core/wordpress/convertContentToBlocks';
import { extractCreditLines, type CreditDraft } from '../../core/wordpress/extractCreditLines';
import { mergeSourceHints } from '../../core/wordpress/matchSourceHint';
import { planArticleFromPost } from '../../core/wordpress/planArticleFromPost';
import { planOldPaths } from '../../core/wordpress/planOldPaths';
import { toPlainText } from '../../core/wordpress/toPlainText';
import type { BlockNode, ImagePlaceholder, WxrItem } from '../../core/wordpress/types';
import { colophonConfig } from '../colophon-config';
import { runAgainOnContention } from '../database/contention';
import { recordingChanges } from '../delivery/change-log';
import { tagVocabulary } from '../delivery/tags';
import { loadDerivationInputs } from '../hook/cascade';
import { rederiveTargets } from '../hook/rederive-targets';
import { columnOf, sql, tableOf } from '../database/schema';
import { importComments } from './comments';
import type { ImportContext } from './context';
import { fingerprintOf } from './id-map';
import { uploadImage, type UploadedFile } from './media';
import { recordOldPaths } from './old-paths';
import { addLost, emptyReport, mergeReport, noteLoss, tally } from './report';
import type { SourceBook } from './sources';
import { describeFailure, withFreeSlug } from './writes';

/** A WordPress attachment as posts refer to it: by id from `_thumbnail_id` and `wp-image-<id>`. */
export interface AttachmentInfo {
  url: string;
  /** The attachment's excerpt: WordPress's caption field. */
  caption: string;
  /** `_wp_attachment_image_alt`. */
  alt: string;
}

/**
 * Imports one `<item>`: a post becomes an article (core's planArticleFromPost decides whether
 * and how: published with its own date, kept a draft, never made public, or skipped), its
 * content becomes blocks with images uploaded, its hand-typed credit lines become credits with
 * Sources found or made, its old URLs redirect to its new path, and its comments follow. One
 * transaction for the article, its credits' new Sources, its dates, its redirects, its comments
 * and its place in the import's memory: an item that fails leaves nothing, is reported, and the
 * run goes on. Images are uploaded before the transaction (a file cannot be rolled back).
 */
export async function importItem(
  context: ImportContext,
  item: WxrItem,
  sources: SourceBook,
  markCommitted: ((trx: unknown) => Promise<void>) | null = null
): Promise<boolean> {
  const plan = planArticleFromPost(item, { categories: context.categories, language: context.locale });
  if (!('article' in plan)) {
    const kind = 'kind' in plan && plan.kind === 'page' ? 'page' : item.postType || 'item';
    if (item.postType === 'post' && (await withdrawImported(context, item, plan.skip))) return true;
    tally(context.report, kind, 'skipped', { wpId: item.postId, reason: plan.skip });
    return true;
  }
  const article = plan.article;
  const { strapi, locale, types } = context;

  const converted = convertContentToBlocks(item.content, {
    // `[gallery ids="…"]` names its images by attachment id only.
    resolveAttachment: (id) => {
      const attachment = context.attachments.get(id);
      return attachment ? { src: attachment.url, alt: attachment.alt, caption: attachment.caption } : null;
    },
  });
  addLost(context.report, converted.lost);
  const footer = extractCreditLines(converted.blocks as BlockNode[], { language: locale });
  context.report.creditLines.understood += footer.credits.length;
  context.report.creditLines.notUnderstood += footer.notUnderstood.length;
  const credits = mergeSourceHints(footer.credits);
  const thumbnail = article.thumbnailId === null ? null : (context.attachments.get(article.thumbnailId) ?? null);
  if (article.thumbnailId !== null && !thumbnail) noteLoss(context.report, 'post', item.postId, `featured image ${article.thumbnailId} is not in the export`);
  const categoryDocumentId = article.categoryNicename ? (context.categories.get(article.categoryNicename) ?? null) : null;
  if (article.categoryNicename && !categoryDocumentId) noteLoss(context.report, 'post', item.postId, `category "${article.categoryNicename}" was not imported`);

  const fingerprint = fingerprintOf({ article, blocks: footer.blocks, credits, thumbnail, categoryDocumentId, allowComments: item.commentStatus !== 'closed' });
  const known = await context.ids.find(null, 'post', item.postId);
  const draft = known ? await strapi.db.query(types.article as any).findOne({ where: { documentId: known.documentId, locale, publishedAt: null }, select: ['id', 'updatedAt'] }) : null;
  const exists = Boolean(draft);
  const unchanged = exists && known!.fingerprint === fingerprint;
  // What editors did in Colophon since the last import wins, unless --overwrite says otherwise.
  if (known && !unchanged && !context.overwrite) {
    const reason = !exists
      ? 'deleted in Colophon after an earlier import; not made again (--overwrite brings it back)'
      : isAfter(draft.updatedAt, known.importedAt)
        ? 'edited in Colophon since the last import; not overwritten (--overwrite replaces it)'
        : null;
    if (reason) {
      tally(context.report, 'post', 'skipped', { wpId: item.postId, reason });
      return true;
    }
  }
  if (article.neverPublic && !unchanged) {
    noteLoss(context.report, 'post', item.postId, `${item.postPassword ? 'password-protected' : 'private'} in WordPress: imported as a draft, which publishing would make public`);
  }

  // Uploads first, outside the transaction; an unchanged post's images are found, not uploaded
  // again, and a dry run only counts them.
  const body = await placeImages(context, footer.blocks as Array<BlockNode | ImagePlaceholder>, item.postId);
  const cover = !thumbnail ? null : await uploadImage(context, { url: thumbnail.url, attachmentId: article.thumbnailId, alt: thumbnail.alt, caption: thumbnail.caption }, item.postId);
  // New Sources too (./sources.ts): items imported side by side share them.
  const creditValues = unchanged ? [] : await creditData(context, item.postId, credits, sources);
  if (context.dryRun) {
    tally(context.report, 'post', unchanged ? 'unchanged' : exists ? 'updated' : 'created');
    await importComments(context, null, item, exists ? known!.documentId : `(new post ${item.postId})`);
    return true;
  }

  // What the transaction reports is kept apart, and counted only once it commits: a run that
  // is rolled back (and perhaps run again) did not happen.
  const outer = context;
  let attempt = emptyReport([], false);
  try {
    // An item rolled back for contention (with another item side by side, or an editor's save) runs again.
    const outcome = await runAgainOnContention(() => {
      attempt = emptyReport([], false);
      const context: ImportContext = { ...outer, report: attempt };
      return strapi.db.transaction(({ trx }) =>
        recordingChanges(strapi, trx, 'wordpress:import', tagVocabulary(strapi).changeCoarser, async () => {
          let documentId = known?.documentId ?? null;
          let result: 'created' | 'updated' | 'unchanged' = 'unchanged';
          if (!unchanged) {
            const data: Record<string, unknown> = {
              title: titleOf(context, article.title, body, item.postId),
              excerpt: article.excerpt || null,
              body: body.length > 0 ? body : null,
              category: categoryDocumentId,
              credits: creditValues,
              cover: cover ? cover.id : null,
              coverCaption: cover ? captionOf(context, thumbnail!.caption, item.postId) : null,
              allowComments: item.commentStatus !== 'closed',
            };
            const written = await writeArticle(context, item.postId, exists ? documentId : null, article, data);
            documentId = written.documentId;
            result = exists ? 'updated' : 'created';
            if (!written.settled) await settlePublication(context, documentId, article, item.postId);
            await keepDates(context, trx, documentId, article);
            if (article.publish) {
              const paths = planOldPaths({ link: item.link, siteUrls: context.siteUrls, kind: 'post', id: item.postId, oldSlugs: article.oldSlugs, nicename: item.postName });
              await recordOldPaths(context, trx, { uid: types.article, documentId, kind: 'post', wpId: item.postId }, paths);
            }
            await context.ids.remember(trx, 'post', item.postId, { documentId, locale, fingerprint });
          }
          await importComments(context, trx, item, documentId!);
          await markCommitted?.(trx);
          return result;
        })
      );
    });
    mergeReport(outer.report, attempt);
    tally(outer.report, 'post', outcome);
    return true;
  } catch (error) {
    tally(outer.report, 'post', 'skipped', { wpId: item.postId, reason: describeFailure(error), failed: true });
    return false;
  }
}

/**
 * Whether `later` is after `earlier` (dates as the database gives them). The import writes its
 * own updatedAt before it notes importedAt, in the same transaction, so only a later save is after.
 */
function isAfter(later: unknown, earlier: unknown): boolean {
  const a = new Date(later as string).getTime();
  const b = new Date(earlier as string).getTime();
  return Number.isFinite(a) && Number.isFinite(b) && a > b;
}

/**
 * A post an earlier run published that WordPress has since trashed (or turned into anything
 * the import skips) leaves the public site, as a post made private does: unpublished, kept as
 * a draft for editors, reported. False when there is nothing of it to withdraw.
 */
async function withdrawImported(context: ImportContext, item: WxrItem, why: string): Promise<boolean> {
  const known = await context.ids.find(null, 'post', item.postId);
  if (!known) return false;
  const { strapi, locale, types } = context;
  const published = await strapi.db.query(types.article as any).findOne({ where: { documentId: known.documentId, locale, publishedAt: { $notNull: true } }, select: ['id'] });
  if (!published) return false;
  if (!context.dryRun) await strapi.documents(types.article as any).unpublish({ documentId: known.documentId, locale } as any);
  tally(context.report, 'post', 'updated');
  noteLoss(context.report, 'post', item.postId, `unpublished: ${why}`);
  return true;
}

/**
 * Creates the article, finding a free slug when WordPress's is taken, or updates its draft.
 * A new post WordPress published is created published in the same call (one pass of the hook
 * instead of a create and then a publish); when the site's publish policy refuses it, it is
 * created as a draft instead and reported. `settled`: whether its publication is already as
 * WordPress has it.
 */
async function writeArticle(
  context: ImportContext,
  postId: number,
  documentId: string | null,
  article: { slug: string; publish: boolean },
  data: Record<string, unknown>
): Promise<{ documentId: string; settled: boolean }> {
  const documents = context.strapi.documents(context.types.article as any);
  if (documentId) {
    await documents.update({ documentId, locale: context.locale, data } as any);
    return { documentId, settled: false };
  }
  const create = (status: 'published' | 'draft') =>
    withFreeSlug(article.slug, (free) => documents.create({ locale: context.locale, status, data: { ...data, slug: free } } as any));
  let created: any;
  if (!article.publish) created = await create('draft');
  else {
    try {
      created = await create('published');
    } catch (error) {
      if (!isPublishRefusal(context, error)) throw error;
      noteLoss(context.report, 'post', postId, `kept as a draft: ${describeFailure(error)}`);
      created = await create('draft');
    }
  }
  if (created.slug !== article.slug) noteLoss(context.report, 'post', postId, `slug "${article.slug}" was taken; imported as "${created.slug}"`);
  return { documentId: created.documentId, settled: true };
}

/** The hook's refusal to publish what the publish policy does not accept (hook/target-writes.ts enforcePublishPolicy). */
function isPublishRefusal(context: ImportContext, error: unknown): boolean {
  const details = (error as { details?: { field?: unknown; problems?: unknown } })?.details;
  return (error as { name?: string })?.name === 'ValidationError' && Array.isArray(details?.problems) && details?.field === colophonConfig(context.strapi).attribution.creditsField;
}

/**
 * Publishes what WordPress published, and takes off the site what it no longer does (a post
 * made private or back to draft since the last run). A publication the site's publish policy
 * refuses (credits it cannot accept) leaves the article a draft, reported: never a crash.
 */
async function settlePublication(context: ImportContext, documentId: string, article: { publish: boolean }, postId: number): Promise<void> {
  const documents = context.strapi.documents(context.types.article as any);
  if (article.publish) {
    try {
      await documents.publish({ documentId, locale: context.locale } as any);
    } catch (error) {
      noteLoss(context.report, 'post', postId, `kept as a draft: ${describeFailure(error)}`);
    }
    return;
  }
  const published = await context.strapi.db.query(context.types.article as any).findOne({
    where: { documentId, locale: context.locale, publishedAt: { $notNull: true } },
    select: ['id'],
  });
  if (published) await documents.unpublish({ documentId, locale: context.locale } as any);
}

/**
 * WordPress's dates over Strapi's: created at the post's date, updated at its last change, and
 * first published at its original publication (what JSON-LD calls datePublished), then the
 * derived fields again so that structured data says so. Written under the document service,
 * which refuses firstPublishedAt from callers.
 */
async function keepDates(
  context: ImportContext,
  trx: unknown,
  documentId: string,
  article: { publish: boolean; firstPublishedAt: string | null; updatedAt: string | null }
): Promise<void> {
  const { strapi, types, locale } = context;
  const uid = types.article;
  const attributes = strapi.contentType(uid as any).attributes as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  if (article.firstPublishedAt) values[columnOf(strapi, uid, 'createdAt')] = new Date(article.firstPublishedAt);
  if (article.updatedAt) values[columnOf(strapi, uid, 'updatedAt')] = new Date(article.updatedAt);
  if (article.publish && article.firstPublishedAt && 'firstPublishedAt' in attributes) {
    values[columnOf(strapi, uid, 'firstPublishedAt')] = new Date(article.firstPublishedAt);
  }
  if (Object.keys(values).length === 0) return;
  await sql(strapi, trx, tableOf(strapi, uid))
    .where(columnOf(strapi, uid, 'documentId'), documentId)
    .where(columnOf(strapi, uid, 'locale'), locale)
    .update(values);
  const target = colophonConfig(strapi).trails.targets.find((candidate) => candidate.uid === uid);
  if (target) await rederiveTargets(strapi, trx, target, { documentId, locale }, await loadDerivationInputs(strapi, trx));
}

/** Image placeholders become uploaded image blocks; one whose file is missing keeps its caption as a paragraph. */
async function placeImages(context: ImportContext, blocks: Array<BlockNode | ImagePlaceholder>, postId: number): Promise<BlockNode[]> {
  const placed: BlockNode[] = [];
  for (const block of blocks) {
    if (block.type !== 'wordpress-image') {
      placed.push(block as BlockNode);
      continue;
    }
    const image = block as ImagePlaceholder;
    const url = image.src || (image.attachmentId !== null ? (context.attachments.get(image.attachmentId)?.url ?? '') : '');
    const file: UploadedFile | null = url ? await uploadImage(context, { url, attachmentId: image.attachmentId, alt: image.alt, caption: image.caption }, postId) : null;
    if (file) {
      placed.push({
        type: 'image',
        image: { ...imageFields(file), alternativeText: image.alt || (file.alternativeText as string | null) || null, caption: image.caption || null },
        children: [{ type: 'text', text: '' }],
      });
    } else if (image.caption) {
      placed.push({ type: 'paragraph', children: [{ type: 'text', text: image.caption }] });
    }
  }
  return placed;
}

/** The upload's fields an image block stores (Strapi's blocks editor keeps the media object). */
function imageFields(file: UploadedFile): Record<string, unknown> {
  const { id, documentId, name, url, width, height, formats, hash, ext, mime, size, previewUrl, provider, createdAt, updatedAt } = file as Record<string, any>;
  return { id, documentId, name, url, width, height, formats, hash, ext, mime, size, previewUrl: previewUrl ?? null, provider, createdAt, updatedAt };
}

/** The credit component's and Source's limits (src/components/editorial/credit.json, the Source schema). */
const CREDIT_LIMITS: Record<string, number> = { person: 200, url: 2000, title: 500, language: 20, caption: 2000, note: 500 };
const SOURCE_LIMITS = { name: 200, website: 500 };

/**
 * Credits as the component stores them, with their Sources found or made. A credit with a
 * value longer than Colophon can store is left out and reported, rather than cut into
 * something its author did not write.
 */
async function creditData(context: ImportContext, postId: number, credits: CreditDraft[], sources: SourceBook): Promise<Array<Record<string, unknown>>> {
  const data: Array<Record<string, unknown>> = [];
  for (const credit of credits) {
    const { source, ...fields } = credit;
    const tooLong =
      Object.entries(fields).find(([key, value]) => typeof value === 'string' && value.length > (CREDIT_LIMITS[key] ?? Infinity)) ??
      Object.entries(source ?? {}).find(([key, value]) => typeof value === 'string' && value.length > (SOURCE_LIMITS as Record<string, number>)[key]);
    if (tooLong) {
      noteLoss(context.report, 'post', postId, `${credit.role} credit left out: its ${tooLong[0]} is longer than Colophon stores`);
      continue;
    }
    const sourceDocumentId = source ? await sources.resolve(source) : null;
    data.push({ ...fields, ...(sourceDocumentId ? { source: sourceDocumentId } : {}) });
  }
  return data;
}

/** The longest title Colophon stores (the schema's maxLength). */
const MAX_TITLE = 255;

/**
 * WordPress allows a post without a title ("(no title)" in its lists) and of any length;
 * Colophon requires one of at most 255 characters. An untitled post takes its first words,
 * a long title is cut at a word; either is reported.
 */
function titleOf(context: ImportContext, title: string, body: BlockNode[], postId: number): string {
  // WordPress keeps some titles escaped or with inline markup ("Tom &amp; Jerry", "<em>Le</em> sommet").
  let chosen = toPlainText(title, { whitespace: 'inline' });
  if (!chosen) {
    const text = body.map(function textOf(node: BlockNode): string {
      return (node.text ?? '') + (node.children ?? []).map(textOf).join('');
    }).join(' ').replace(/\s+/g, ' ').trim();
    chosen = text.split(' ').slice(0, 12).join(' ') || `WordPress post ${postId}`;
    noteLoss(context.report, 'post', postId, `had no title; titled "${chosen}"`);
  }
  if (chosen.length > MAX_TITLE) {
    const cut = chosen.slice(0, MAX_TITLE + 1);
    chosen = (cut.lastIndexOf(' ') > MAX_TITLE / 2 ? cut.slice(0, cut.lastIndexOf(' ')) : cut.slice(0, MAX_TITLE)).trim();
    noteLoss(context.report, 'post', postId, `title cut to ${MAX_TITLE} characters`);
  }
  return chosen;
}

/** The longest cover caption Colophon stores (the schema's maxLength). */
const MAX_CAPTION = 1000;

/** A featured image's caption (WordPress keeps it as HTML in the attachment's excerpt) as Colophon's plain text. */
function captionOf(context: ImportContext, caption: string, postId: number): string | null {
  const text = toPlainText(caption, { whitespace: 'inline' });
  if (text.length <= MAX_CAPTION) return text || null;
  noteLoss(context.report, 'post', postId, `cover caption cut to ${MAX_CAPTION} characters`);
  return text.slice(0, MAX_CAPTION);
}
