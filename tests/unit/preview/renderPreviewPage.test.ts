import { PREVIEW_PAGE_HEADERS, renderBlocks, renderPreviewPage, type PreviewArticle } from '../../../src/core/preview';

const article: PreviewArticle = {
  title: 'Pourparlers à Moscou',
  locale: 'fr',
  status: 'draft',
  excerpt: 'Une délégation nord-coréenne.',
  body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Premier paragraphe.' }] }],
  breadcrumbs: [
    { label: 'Cellule44', path: '/', url: 'https://example.org/' },
    { label: 'Monde', path: '/blog/monde', url: 'https://example.org/blog/monde' },
    { label: 'Pourparlers à Moscou', path: '/blog/monde/pourparlers', url: 'https://example.org/blog/monde/pourparlers' },
  ],
  attributionHtml: '<p>Traduction\u00a0: Avic</p>',
  structuredData: { '@context': 'https://schema.org', '@graph': [{ '@type': 'NewsArticle', headline: 'Pourparlers à Moscou' }] },
};

describe('renderPreviewPage', () => {
  it('shows the banner, the trail as links, the article, its footer and its JSON-LD', () => {
    const html = renderPreviewPage(article);
    expect(html).toContain('Preview — draft, not published');
    expect(html).toContain('<a href="https://example.org/blog/monde">Monde</a>');
    expect(html).toContain('<h1>Pourparlers à Moscou</h1>');
    expect(html).toContain('<p class="excerpt">Une délégation nord-coréenne.</p>');
    expect(html).toContain('<p>Premier paragraphe.</p>');
    expect(html).toContain('<footer class="attribution"><p>Traduction\u00a0: Avic</p></footer>');
    expect(html).toContain('<script type="application/ld+json">{"@context":"https://schema.org"');
    expect(html).toContain('<html lang="fr">');
  });

  it('says so when it shows the published version', () => {
    expect(renderPreviewPage({ ...article, status: 'published' })).toContain('Preview — the published version.');
  });

  it('escapes every value the editor wrote, so a title cannot open a script', () => {
    const hostile = '<script>alert(1)</script> & "quotes"';
    const html = renderPreviewPage({
      ...article,
      title: hostile,
      excerpt: hostile,
      coverCaption: hostile,
      breadcrumbs: [{ label: hostile, path: '/"onmouseover="x', url: '' }],
      structuredData: { headline: `</script>${hostile}` },
    });
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;</h1>');
    expect(html).toContain('href="/&quot;onmouseover=&quot;x"');
    expect(html.match(/<\/script/gi)).toHaveLength(1);
  });

  it('sends headers that keep it out of caches and search engines, framed by the admin only, with no script', () => {
    expect(PREVIEW_PAGE_HEADERS['X-Robots-Tag']).toMatch(/noindex/);
    expect(PREVIEW_PAGE_HEADERS['Cache-Control']).toBe('no-store');
    expect(PREVIEW_PAGE_HEADERS['Referrer-Policy']).toBe('no-referrer');
    expect(PREVIEW_PAGE_HEADERS['X-Frame-Options']).toBe('SAMEORIGIN');
    const csp = PREVIEW_PAGE_HEADERS['Content-Security-Policy']!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain('script-src');
  });

  it('allows its own style block by hash and nothing else inline', () => {
    const { createHash } = require('node:crypto') as typeof import('node:crypto');
    const style = /<style>(.*?)<\/style>/s.exec(renderPreviewPage(article))![1]!;
    const hash = createHash('sha256').update(style).digest('base64');
    expect(PREVIEW_PAGE_HEADERS['Content-Security-Policy']).toContain(`style-src 'sha256-${hash}'`);
  });
});

describe('renderBlocks', () => {
  it('renders headings, lists, quotes, code and text marks', () => {
    const html = renderBlocks([
      { type: 'heading', level: 2, children: [{ type: 'text', text: 'Contexte' }] },
      { type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [{ type: 'text', text: 'un', bold: true }] }] },
      { type: 'quote', children: [{ type: 'text', text: 'cité', italic: true }] },
      { type: 'code', children: [{ type: 'text', text: 'a < b' }] },
    ]);
    expect(html).toContain('<h2>Contexte</h2>');
    expect(html).toContain('<ol><li><strong>un</strong></li></ol>');
    expect(html).toContain('<blockquote><em>cité</em></blockquote>');
    expect(html).toContain('<pre><code>a &lt; b</code></pre>');
  });

  it('links only to web addresses: a javascript: link stays text', () => {
    const html = renderBlocks([
      {
        type: 'paragraph',
        children: [
          { type: 'link', url: 'https://example.org/?a=1&b=2', children: [{ type: 'text', text: 'ok' }] },
          { type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', text: 'nope' }] },
        ],
      },
      { type: 'image', image: { url: 'javascript:alert(1)', alternativeText: 'x' } },
    ]);
    expect(html).toContain('<a href="https://example.org/?a=1&amp;b=2" rel="nofollow noopener">ok</a>');
    expect(html).toContain('nope');
    expect(html).not.toContain('javascript:');
  });

  it('renders nothing for a missing body', () => {
    expect(renderBlocks(null)).toBe('');
  });
});
