import fc from 'fast-check';
import { EXCERPT_MAX_LENGTH, planArticleFromPost } from '../../../src/core/wordpress/planArticleFromPost';
import type { WxrItem } from '../../../src/core/wordpress/types';
import { isValidSlug, toSlug } from '../../../src/core/slug';

const CATEGORIES = new Map<string, unknown>([
  ['coree-du-nord', 'doc-1'],
  ['diplomatie', 'doc-2'],
  ['%d0%bc%d0%b8%d1%80', 'doc-3'],
]);

function post(overrides: Partial<WxrItem> = {}): WxrItem {
  return {
    kind: 'item',
    postId: 1201,
    postType: 'post',
    status: 'publish',
    title: 'Derrière les portes closes : un haut diplomate nord-coréen arrive à Moscou',
    link: 'https://cellule44.example/2017/09/29/derriere-les-portes-closes/',
    guid: 'https://cellule44.example/?p=1201',
    postName: 'derriere-les-portes-closes',
    content: '<p>Les diplomates se sont rencontrés.</p>',
    excerpt: '',
    postDateGmt: '2017-09-29 14:05:00',
    postDate: '2017-09-29 16:05:00',
    postModifiedGmt: '2017-09-30 08:00:00',
    postParent: 0,
    postPassword: '',
    commentStatus: 'open',
    attachmentUrl: '',
    creator: 'redaction',
    terms: [
      { domain: 'post_tag', nicename: 'moscou', name: 'Moscou' },
      { domain: 'category', nicename: 'coree-du-nord', name: 'Corée du Nord' },
      { domain: 'category', nicename: 'diplomatie', name: 'Diplomatie' },
    ],
    meta: [
      { key: '_edit_last', value: '1' },
      { key: '_thumbnail_id', value: '1190' },
      { key: '_wp_old_slug', value: 'entretiens-a-moscou' },
      { key: '_wp_old_slug', value: '%d0%bf%d1%80%d0%b8' },
    ],
    comments: [],
    ...overrides,
  };
}

const plan = (overrides: Partial<WxrItem> = {}, language: string | null = 'fr') => planArticleFromPost(post(overrides), { categories: CATEGORIES, language });
const article = (overrides: Partial<WxrItem> = {}, language: string | null = 'fr') => {
  const result = plan(overrides, language);
  if (!('article' in result)) throw new Error(`skipped: ${result.skip}`);
  return result.article;
};

describe('planArticleFromPost', () => {
  it('plans a published post with its original date, category, featured image and old slugs', () => {
    expect(plan()).toEqual({
      article: {
        title: 'Derrière les portes closes : un haut diplomate nord-coréen arrive à Moscou',
        slug: 'derriere-les-portes-closes',
        excerpt: '',
        publish: true,
        neverPublic: false,
        firstPublishedAt: '2017-09-29T14:05:00.000Z',
        updatedAt: '2017-09-30T08:00:00.000Z',
        categoryNicename: 'coree-du-nord',
        thumbnailId: 1190,
        oldSlugs: ['entretiens-a-moscou', '%d0%bf%d1%80%d0%b8'],
        status: 'publish',
      },
    });
  });

  it('skips pages, attachments and WordPress’s own post types, each with a reason', () => {
    expect(plan({ postType: 'page' })).toEqual({ kind: 'page', skip: expect.any(String) });
    expect(plan({ postType: 'attachment' })).toEqual({ skip: 'attachment' });
    for (const postType of ['revision', 'nav_menu_item', 'custom_css', 'wp_block', 'customize_changeset', 'oembed_cache', 'product', '']) {
      const result = plan({ postType });
      expect(result).toEqual({ skip: expect.stringMatching(/\S/) });
      expect('kind' in result).toBe(false);
    }
  });

  it('does not publish drafts, pending reviews or scheduled posts', () => {
    for (const status of ['draft', 'pending', 'future']) {
      expect(article({ status })).toMatchObject({ publish: false, neverPublic: false, firstPublishedAt: null, status });
    }
  });

  it('never makes public a private post or one behind a password', () => {
    expect(article({ status: 'private' })).toMatchObject({ publish: false, neverPublic: true, firstPublishedAt: null });
    expect(article({ postPassword: 'secret' })).toMatchObject({ publish: false, neverPublic: true, status: 'publish' });
    expect(article({ status: 'draft', postPassword: 'secret' })).toMatchObject({ publish: false, neverPublic: true });
  });

  it('skips trashed posts, auto-drafts and inherited statuses', () => {
    for (const status of ['trash', 'auto-draft', 'inherit']) expect(plan({ status })).toEqual({ skip: expect.stringContaining(status) });
  });

  it('imports a status no core WordPress writes as unpublished', () => {
    expect(article({ status: 'archived' })).toMatchObject({ publish: false, neverPublic: false, status: 'archived' });
  });

  it('falls back to the site-time date, read as UTC, only for a published post without a GMT date', () => {
    expect(article({ postDateGmt: '0000-00-00 00:00:00' }).firstPublishedAt).toBe('2017-09-29T16:05:00.000Z');
    expect(article({ postDateGmt: '' }).firstPublishedAt).toBe('2017-09-29T16:05:00.000Z');
    expect(article({ postDateGmt: '0000-00-00 00:00:00', status: 'draft' }).firstPublishedAt).toBeNull();
    expect(article({ postDateGmt: '2017-02-30 10:00:00', postDate: 'yesterday' }).firstPublishedAt).toBeNull();
    expect(article({ postModifiedGmt: '' }).updatedAt).toBeNull();
  });

  it('decodes a percent-encoded slug and spells it as a Colophon slug', () => {
    expect(article({ postName: '%d0%bf%d1%80%d0%b8%d0%b2%d0%b5%d1%82-%d0%bc%d0%b8%d1%80' }, 'ru').slug).toBe('privet-mir');
    expect(article({ postName: 'Sommet_Moscou%20' }).slug).toBe('sommet-moscou');
    // A malformed escape does not stop the rest from being decoded.
    expect(article({ postName: 'caf%c3%a9-%e2' }).slug).toBe(toSlug('café-%e2', 'fr'));
    expect(article({ postName: 'caf%c3%a9-%e2' }).slug).toMatch(/^cafe-/);
  });

  it('makes a slug from the title when the post has none, and from the id when the title has none either', () => {
    expect(article({ postName: '', status: 'draft', title: 'Paix & sécurité' }, 'fr').slug).toBe('paix-et-securite');
    expect(article({ postName: '', title: '和平' }).slug).toBe('post-1201');
  });

  it('keeps the title exactly, only trimmed', () => {
    expect(article({ title: '  « Double gel » : Moscou & Pékin <insistent>  ' }).title).toBe('« Double gel » : Moscou & Pékin <insistent>');
  });

  it('makes the excerpt plain text, cut after a word', () => {
    expect(article({ excerpt: '<p>Une délégation <strong>nord-coréenne</strong>&nbsp;à Moscou &amp; Pékin.</p>\n<p>Suite.</p>' }).excerpt).toBe(
      'Une délégation nord-coréenne\u00a0à Moscou & Pékin. Suite.',
    );
    const long = article({ excerpt: 'mot '.repeat(400) }).excerpt;
    expect(long.length).toBeLessThanOrEqual(EXCERPT_MAX_LENGTH);
    expect(long).toMatch(/^(mot )+mot…$/);
  });

  it('takes the first category the export knows, even written with other percent-encoding', () => {
    expect(article({ terms: [{ domain: 'category', nicename: 'diplomatie', name: 'Diplomatie' }] }).categoryNicename).toBe('diplomatie');
    expect(article({ terms: [{ domain: 'category', nicename: 'inconnue', name: '?' }, { domain: 'category', nicename: 'diplomatie', name: '' }] }).categoryNicename).toBe('diplomatie');
    expect(article({ terms: [{ domain: 'category', nicename: '%D0%BC%D0%B8%D1%80', name: 'Мир' }] }).categoryNicename).toBe('%d0%bc%d0%b8%d1%80');
    expect(article({ terms: [{ domain: 'post_tag', nicename: 'diplomatie', name: 'Diplomatie' }] }).categoryNicename).toBeNull();
  });

  it('reads no thumbnail or old slug where the meta has none worth reading', () => {
    expect(article({ meta: [{ key: '_thumbnail_id', value: '' }, { key: '_wp_old_slug', value: ' ' }] })).toMatchObject({ thumbnailId: null, oldSlugs: [] });
    expect(article({ meta: [{ key: '_thumbnail_id', value: '-3' }, { key: '_thumbnail_id', value: '12' }] }).thumbnailId).toBe(12);
  });

  it('always gives a valid slug and never publishes what WordPress did not (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          postName: fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }).map(encodeURIComponent)),
          title: fc.string({ unit: 'grapheme' }),
          status: fc.constantFrom('publish', 'draft', 'pending', 'future', 'private', 'archived'),
          postPassword: fc.constantFrom('', 'secret'),
        }),
        (fields) => {
          const planned = article(fields);
          expect(isValidSlug(planned.slug)).toBe(true);
          expect(planned.publish).toBe(fields.status === 'publish' && fields.postPassword === '');
          expect(planned.publish && planned.neverPublic).toBe(false);
        },
      ),
    );
  });
});
