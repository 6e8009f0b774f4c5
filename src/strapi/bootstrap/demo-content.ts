import type { Core } from '@strapi/strapi';
import { colophonConfig } from '../colophon-config';
import { fileReport } from '../comments/reports';
import {
  DEMO_CATEGORIES,
  DEMO_COMMENTS,
  DEMO_ENGLISH_ARTICLE,
  DEMO_FRENCH_ARTICLE,
  DEMO_ORIGINAL_URL,
  DEMO_OWN_TRANSLATION,
  DEMO_OWN_TRANSLATION_ORIGINAL,
  DEMO_PHOTO_CAPTION,
  DEMO_SITE,
  DEMO_SOURCES,
} from './demo-data';

const SEEDED_FLAG = { type: 'core', name: 'colophon', key: 'demo-seeded' } as const;

/**
 * Seeds the demo newsroom on the first boot of an empty database. A flag in Strapi's store
 * makes it run once: an editor who deletes the demo does not see it come back on restart.
 * Everything goes through the document service, so the demo gets its breadcrumbs and
 * attribution from the same hook as any other write, and all of it in one transaction.
 */
export async function seedDemoContent(strapi: Core.Strapi): Promise<boolean> {
  if (await strapi.store.get(SEEDED_FLAG)) return false;
  const hasContent =
    (await strapi.db.query('api::article.article').count()) > 0 ||
    (await strapi.db.query('api::site.site').count()) > 0;
  if (hasContent) {
    await strapi.store.set({ ...SEEDED_FLAG, value: { skipped: 'database was not empty' } });
    return false;
  }

  await strapi.db.transaction(async () => {
    await strapi.documents('api::site.site').create({ data: DEMO_SITE });

    const rt = await strapi.documents('api::source.source').create({ data: { ...DEMO_SOURCES.rt } });
    const reseau = await strapi
      .documents('api::source.source')
      .create({ data: { ...DEMO_SOURCES.reseauInternational } });
    const exampleWire = await strapi.documents('api::source.source').create({ data: { ...DEMO_SOURCES.exampleWire } });

    const categories = strapi.documents('api::category.category');
    const northKorea = await categories.create({ locale: 'fr', data: { ...DEMO_CATEGORIES.northKorea.fr } });
    await categories.update({
      documentId: northKorea.documentId,
      locale: 'en',
      data: { ...DEMO_CATEGORIES.northKorea.en },
    });
    const diplomacy = await categories.create({
      locale: 'fr',
      data: { ...DEMO_CATEGORIES.diplomacy.fr, parent: northKorea.documentId },
    });
    await categories.update({
      documentId: diplomacy.documentId,
      locale: 'en',
      data: { ...DEMO_CATEGORIES.diplomacy.en, parent: northKorea.documentId },
    });

    const articles = strapi.documents('api::article.article');
    const { locale: frLocale, ...frenchArticle } = DEMO_FRENCH_ARTICLE;
    const seedArticle: any = await articles.create({
      locale: frLocale,
      status: 'published',
      data: {
        ...frenchArticle,
        category: northKorea.documentId,
        credits: [
          { role: 'original', url: DEMO_ORIGINAL_URL, language: 'en', source: rt.documentId },
          { role: 'photo', caption: DEMO_PHOTO_CAPTION, source: rt.documentId },
          { role: 'translation', person: 'Avic', source: reseau.documentId, language: 'fr' },
        ],
      } as any,
    });

    const { locale: enLocale, ...englishArticle } = DEMO_ENGLISH_ARTICLE;
    const english: any = await articles.create({
      locale: enLocale,
      status: 'published',
      data: {
        ...englishArticle,
        category: diplomacy.documentId,
        credits: [{ role: 'author', person: 'Colophon demo desk' }],
      } as any,
    });

    // The same story in French: a localization of the English document, so each names the
    // other as its hreflang alternate.
    const { locale: translationLocale, ...ownTranslation } = DEMO_OWN_TRANSLATION;
    await articles.update({
      documentId: english.documentId,
      locale: translationLocale,
      status: 'published',
      data: {
        ...ownTranslation,
        category: diplomacy.documentId,
        credits: [
          { role: 'original', ...DEMO_OWN_TRANSLATION_ORIGINAL, language: 'en', source: exampleWire.documentId },
          // No Source: the translation was done in house, which makes the article a new work.
          { role: 'translation', person: 'Jeanne Martin', language: 'fr' },
        ],
      } as any,
    });

    await seedDemoComments(strapi, seedArticle.documentId);
    await strapi.store.set({ ...SEEDED_FLAG, value: { at: new Date().toISOString() } });
  });
  strapi.log.info('[colophon] Seeded the demo newsroom (SEED_DEMO=false turns this off).');
  return true;
}

/** The demo's reader comments (DEMO_COMMENTS), written as an editor would, and the one reader report. */
async function seedDemoComments(strapi: Core.Strapi, article: string): Promise<void> {
  const posted: string[] = [];
  for (const { replyTo, report, ...comment } of DEMO_COMMENTS) {
    const created: any = await strapi.documents('api::comment.comment').create({
      data: { ...comment, article, ...(replyTo !== undefined ? { parent: posted[replyTo] } : {}) } as any,
    });
    posted.push(created.documentId);
    if (report) {
      await strapi.db.transaction(({ trx }) =>
        fileReport(
          strapi,
          trx,
          { documentId: created.documentId, reporterKey: 'demo:1', userId: null, ipHash: null, fields: { reason: report.reason, note: report.note }, at: new Date() },
          colophonConfig(strapi).comments.reportsToHold
        )
      );
    }
  }
}
