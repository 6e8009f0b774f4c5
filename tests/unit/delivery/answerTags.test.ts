import { answerTags, collectAnswerDocuments, listTag, trailPrefixes, type SchemaReader } from '../../../src/core/delivery';

const schema: SchemaReader = {
  attributes: (uid) =>
    (
      ({
        'api::article.article': {
          category: { type: 'relation', target: 'api::category.category' },
          credits: { type: 'component', component: 'editorial.credit' },
          cover: { type: 'media', target: 'plugin::upload.file' },
          blocks: { type: 'dynamiczone' },
          title: { type: 'string' },
        },
        'api::category.category': { parent: { type: 'relation', target: 'api::category.category' } },
        'editorial.credit': { source: { type: 'relation', target: 'api::source.source' } },
        'blocks.quote': { source: { type: 'relation', target: 'api::source.source' } },
      }) as Record<string, any>
    )[uid],
};

describe('collectAnswerDocuments', () => {
  it('finds every document an answer shows, through relations, components and dynamic zones', () => {
    const data = [
      {
        documentId: 'a1',
        locale: 'fr',
        path: '/blog/monde/a1',
        title: 'Un',
        category: { documentId: 'c1', parent: { documentId: 'c0' } },
        credits: [{ id: 4, source: { documentId: 's1' } }],
        cover: { documentId: 'f1' },
        blocks: [{ __component: 'blocks.quote', source: { documentId: 's2' } }, { __component: 'blocks.unknown', x: { documentId: 'zz' } }],
      },
      { documentId: 'a2', category: null },
    ];
    expect(collectAnswerDocuments('api::article.article', data, schema).map(({ uid, documentId }) => `${uid}:${documentId}`)).toEqual([
      'api::article.article:a1',
      'api::category.category:c1',
      'api::category.category:c0',
      'api::source.source:s1',
      'plugin::upload.file:f1',
      'api::source.source:s2',
      'api::article.article:a2',
    ]);
    expect(collectAnswerDocuments('api::article.article', data, schema)[0]).toEqual({ uid: 'api::article.article', documentId: 'a1', locale: 'fr', path: '/blog/monde/a1' });
  });

  it('finds nothing in an empty answer', () => {
    expect(collectAnswerDocuments('api::article.article', null, schema)).toEqual([]);
    expect(collectAnswerDocuments('api::article.article', [], schema)).toEqual([]);
  });
});

describe('trailPrefixes', () => {
  it('gives every path above a page where a category of its trail can live', () => {
    expect(trailPrefixes('/en/blog/world/africa/summit')).toEqual(['/en', '/en/blog', '/en/blog/world', '/en/blog/world/africa']);
    expect(trailPrefixes('/blog')).toEqual([]);
  });
});

describe('answerTags', () => {
  const coarser = (tag: string) => (tag.startsWith('article:') ? listTag('api::article.article') : tag.startsWith('category:') ? listTag('api::category.category') : null);

  it('lists the document tags first, then the coarse ones, without duplicates', () => {
    expect(answerTags({ documentTags: ['article:a', 'category:c', 'article:a'], coarseTags: ['site', 'site'], coarser })).toEqual(['article:a', 'category:c', 'site']);
  });

  it('keeps every coarse tag and gives way to list tags when there are too many documents', () => {
    const documentTags = Array.from({ length: 200 }, (_, index) => `article:${String(index).padStart(24, '0')}`);
    const tags = answerTags({ documentTags, coarseTags: ['site', 'redirects'], coarser });
    expect(tags.length).toBeLessThanOrEqual(64);
    expect(tags).toEqual(expect.arrayContaining(['site', 'redirects', listTag('api::article.article'), documentTags[0]]));
  });
});
