import path from 'node:path';
import type { checkConsistency as CheckConsistency } from '../../../src/strapi/consistency';
import { asPublic } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { checkBreadcrumbList, checkNewsArticle } from '../../helpers/rich-results';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const graphOf = (article: any) => article.structuredData['@graph'] as any[];
const nodeOf = (article: any, type: string) => graphOf(article).find((node) => node['@type'] === type);

describe('the JSON-LD of every demo and fixture article passes Google’s Article and Breadcrumb checks', () => {
  let app: TestApp;
  let coverId: number;

  beforeAll(async () => {
    app = await bootStrapi({ seedDemo: true });
    await newsroom(app).site({ logoUrl: 'https://example.org/logo.png' });
    // What a CDN or S3 upload provider stores: an absolute URL.
    const file = await app.strapi.db.query('plugin::upload.file').create({
      data: { name: 'cover.jpg', hash: 'cover_hash', ext: '.jpg', mime: 'image/jpeg', size: 12.5, url: 'https://cdn.example.org/cover.jpg', provider: 'aws-s3' },
    });
    coverId = file.id;
    const afp = await app.strapi.documents('api::source.source').create({
      data: {
        name: 'AFP',
        kind: 'agency',
        website: 'https://www.afp.com',
        license: 'All rights reserved',
        licenseUrl: 'https://www.afp.com/en/terms',
        acquireLicensePage: 'https://www.afp.com/en/contact',
      } as any,
    });
    await newsroom(app).article('Notre reportage', {
      published: true,
      data: {
        cover: coverId,
        coverCaption: 'La délégation arrive',
        credits: [
          { role: 'author', person: 'Jeanne Martin', url: 'https://example.org/auteurs/jeanne-martin' },
          { role: 'photo', person: 'Jane Doe', source: afp.documentId },
        ],
      },
    });
    await newsroom(app).article('Sans crédit', { published: true });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const publishedArticles = async () => {
    const articles: any[] = [];
    for (const locale of ['fr', 'en']) {
      const response = await asPublic(app).get('/api/articles').query({ locale, 'pagination[pageSize]': 100 }).expect(200);
      articles.push(...response.body.data);
    }
    return articles;
  };

  it('checks at least the three demo articles and the two fixtures', async () => {
    expect((await publishedArticles()).length).toBeGreaterThanOrEqual(5);
  });

  it('gives each a NewsArticle with headline, dates, author, publisher and absolute URLs only', async () => {
    for (const article of await publishedArticles()) {
      const news = nodeOf(article, 'NewsArticle');
      expect({ title: article.title, problems: checkNewsArticle(news, { image: article.title === 'Notre reportage' }) }).toEqual({
        title: article.title,
        problems: [],
      });
      expect({ title: article.title, problems: checkBreadcrumbList(nodeOf(article, 'BreadcrumbList')) }).toEqual({ title: article.title, problems: [] });
    }
  });

  it('names the Site as publisher, with its logo', async () => {
    const [article] = await publishedArticles();
    expect(nodeOf(article, 'NewsArticle').publisher).toEqual({
      '@type': 'Organization',
      name: 'Cellule44',
      url: 'https://example.org',
      logo: { '@type': 'ImageObject', url: 'https://example.org/logo.png' },
    });
  });

  it('makes the author credit a Person, and the cover an ImageObject carrying the photo’s licence', async () => {
    const article = (await publishedArticles()).find((a) => a.title === 'Notre reportage');
    const news = nodeOf(article, 'NewsArticle');
    expect(news.author).toEqual([{ '@type': 'Person', name: 'Jeanne Martin', url: 'https://example.org/auteurs/jeanne-martin' }]);
    expect(news.image).toEqual({
      '@type': 'ImageObject',
      contentUrl: 'https://cdn.example.org/cover.jpg',
      url: 'https://cdn.example.org/cover.jpg',
      caption: 'La délégation arrive',
      creditText: 'Jane Doe\u00a0– AFP',
      creator: { '@type': 'Person', name: 'Jane Doe' },
      copyrightNotice: 'All rights reserved',
      license: 'https://www.afp.com/en/terms',
      acquireLicensePage: 'https://www.afp.com/en/contact',
    });
  });

  it('credits the Site as author of an article of its own with no author credit', async () => {
    const article = (await publishedArticles()).find((a) => a.title === 'Sans crédit');
    expect(nodeOf(article, 'NewsArticle').author).toEqual([{ '@type': 'Organization', name: 'Cellule44', url: 'https://example.org' }]);
  });

  it('is held consistent by the checker: a stale structuredDataHtml or seo is found and repaired', async () => {
    const checkConsistency: typeof CheckConsistency = require(path.join(app.strapi.dirs.dist.root, 'src/strapi/consistency/index.js')).checkConsistency;
    expect((await checkConsistency(app.strapi)).findings).toEqual([]);
    const query = app.strapi.db.query('api::article.article');
    const row = await query.findOne({ where: { title: 'Sans crédit', publishedAt: { $notNull: true } } });
    await query.update({ where: { id: row.id }, data: { structuredDataHtml: '<script>stale</script>', seo: { canonicalUrl: null, robots: 'index, follow' } } });

    const report = await checkConsistency(app.strapi, { fix: true });
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'derived', id: row.id, fields: ['seo', 'structuredDataHtml'] })]);
    const repaired = await query.findOne({ where: { id: row.id } });
    expect(repaired.structuredDataHtml).toBe(row.structuredDataHtml);
    expect(repaired.seo).toEqual(row.seo);
  });
});
