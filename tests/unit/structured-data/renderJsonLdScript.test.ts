import { buildNewsArticle, buildStructuredData, renderJsonLdScript } from '../../../src/core/structured-data';

const hostile = buildStructuredData({
  article: buildNewsArticle({
    headline: 'Fin </script><script>alert(1)</script> & <!-- « suite »',
    inLanguage: 'fr',
    attribution: { isTranslation: false },
  }),
  breadcrumbs: [{ label: 'A > B', path: '/', url: 'https://example.org/?a=1&b=2' }],
});

const inner = (html: string) => html.slice('<script type="application/ld+json">'.length, -'</script>'.length);

describe('renderJsonLdScript', () => {
  it('wraps the JSON-LD in one script block that a title cannot close', () => {
    const html = renderJsonLdScript(hostile);
    expect(html.startsWith('<script type="application/ld+json">')).toBe(true);
    expect(html.endsWith('</script>')).toBe(true);
    expect(html.match(/<\/script/gi)).toHaveLength(1);
    expect(inner(html)).not.toMatch(/[<>&]/);
  });

  it('escapes <, > and & as JSON unicode escapes, so the data parses back unchanged', () => {
    const html = renderJsonLdScript(hostile);
    expect(inner(html)).toContain('\\u003c/script\\u003e');
    expect(inner(html)).toContain('\\u0026');
    expect(JSON.parse(inner(html))).toEqual(hostile);
  });

  it('escapes the line and paragraph separators that older JavaScript parsers choke on', () => {
    const html = renderJsonLdScript({ text: 'a\u2028b\u2029c' });
    expect(inner(html)).toBe('{"text":"a\\u2028b\\u2029c"}');
  });
});
