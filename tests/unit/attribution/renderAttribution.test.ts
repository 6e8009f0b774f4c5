import { renderAttribution, type Credit } from '../../../src/core/attribution';
import { CAPTION, ORIGINAL_URL, SEED_CREDITS } from './fixtures';

const NBSP = '\u00a0';

describe('renderAttribution', () => {
  describe('the seed article footer', () => {
    it('renders French typography exactly', () => {
      expect(renderAttribution(SEED_CREDITS, 'fr').text).toBe(
        `Source${NBSP}: ${ORIGINAL_URL}\n` +
          `Photo${NBSP}: ${CAPTION} / RT\n` +
          `Traduction${NBSP}: Avic${NBSP}– Réseau International`,
      );
    });

    it('renders English typography exactly', () => {
      expect(renderAttribution(SEED_CREDITS, 'en').text).toBe(
        `Source: ${ORIGINAL_URL}\nPhoto: ${CAPTION} / RT\nTranslation: Avic – Réseau International`,
      );
    });

    it('exposes structured lines with their links', () => {
      expect(renderAttribution(SEED_CREDITS, 'fr-FR').lines).toEqual([
        { role: 'original', label: 'Source', text: ORIGINAL_URL, url: ORIGINAL_URL },
        { role: 'photo', label: 'Photo', text: `${CAPTION} / RT`, url: 'https://www.rt.com' },
        { role: 'translation', label: 'Traduction', text: `Avic${NBSP}– Réseau International`, url: 'https://reseauinternational.net' },
      ]);
    });

    it('renders one linked paragraph per line in HTML', () => {
      const html = renderAttribution(SEED_CREDITS, 'en').html;
      expect(html.split('\n')).toEqual([
        `<p>Source: <a href="${ORIGINAL_URL}" rel="nofollow noopener">${ORIGINAL_URL}</a></p>`,
        `<p>Photo: <a href="https://www.rt.com" rel="nofollow noopener">${CAPTION} / RT</a></p>`,
        '<p>Translation: <a href="https://reseauinternational.net" rel="nofollow noopener">Avic – Réseau International</a></p>',
      ]);
    });

    it('renders markdown paragraphs with escaped text and links', () => {
      const markdown = renderAttribution(SEED_CREDITS, 'en').markdown;
      const paragraphs = markdown.split('\n\n');
      expect(paragraphs).toHaveLength(3);
      expect(paragraphs[2]).toBe('Translation: [Avic – Réseau International](https://reseauinternational.net)');
    });
  });

  it('renders nothing at all without credits', () => {
    expect(renderAttribution([], 'fr')).toEqual({ text: '', html: '', markdown: '', lines: [] });
  });

  it('orders lines by role and keeps input order within a role', () => {
    const credits: Credit[] = [
      { role: 'via', source: { name: 'Agrégateur' } },
      { role: 'translation', person: 'T' },
      { role: 'author', person: 'Second' },
      { role: 'photo', caption: 'P' },
      { role: 'adaptation', person: 'Ad' },
      { role: 'author', person: 'First' },
      { role: 'original', source: { name: 'RT' } },
    ];
    // Input order among authors is Second then First, and must stay so.
    expect(renderAttribution(credits, 'en').lines.map((line) => `${line.role}:${line.text}`)).toEqual([
      'original:RT',
      'author:Second',
      'author:First',
      'photo:P',
      'translation:T',
      'adaptation:Ad',
      'via:Agrégateur',
    ]);
  });

  it('uses French labels for any French locale and English for anything else', () => {
    const credits: Credit[] = [{ role: 'author', person: 'A' }];
    expect(renderAttribution(credits, 'fr-CA').text).toBe(`Auteur${NBSP}: A`);
    expect(renderAttribution(credits, 'de').text).toBe('Author: A');
    expect(renderAttribution(credits, 'de-DE').lines[0]?.label).toBe('Author');
    expect(renderAttribution(credits, '').text).toBe('Author: A');
  });

  it('joins source name, title and url of the original with the dash', () => {
    const credits: Credit[] = [{ role: 'original', source: { name: 'RT' }, title: 'Meeting', url: ORIGINAL_URL }];
    expect(renderAttribution(credits, 'fr').lines[0]?.text).toBe(`RT${NBSP}– Meeting${NBSP}– ${ORIGINAL_URL}`);
  });

  it('renders the photo holder alone, or the caption alone', () => {
    const holderOnly: Credit[] = [{ role: 'photo', person: 'Jane Doe', source: { name: 'AFP' } }];
    expect(renderAttribution(holderOnly, 'en').lines[0]?.text).toBe('Jane Doe – AFP');
    expect(renderAttribution([{ role: 'photo', caption: 'Moscou' }], 'en').lines[0]?.text).toBe('Moscou');
  });

  it('renders a via line as name then url', () => {
    const credits: Credit[] = [{ role: 'via', person: 'Jean', url: 'https://example.net/post' }];
    expect(renderAttribution(credits, 'en').text).toBe('Via: Jean – https://example.net/post');
  });

  it('appends a note in parentheses', () => {
    const credits: Credit[] = [{ role: 'translation', person: 'Avic', note: 'revue par la rédaction' }];
    expect(renderAttribution(credits, 'en').lines[0]?.text).toBe('Avic (revue par la rédaction)');
  });

  it('prefers the credit url over the source website for the link', () => {
    const credits: Credit[] = [
      { role: 'author', person: 'A', url: 'https://a.example/profile', source: { name: 'S', website: 'https://s.example' } },
    ];
    expect(renderAttribution(credits, 'en').lines[0]?.url).toBe('https://a.example/profile');
  });

  it('skips credits that say nothing', () => {
    const credits: Credit[] = [
      { role: 'author', person: '   ', source: null },
      { role: 'original', url: 'not a url' },
      { role: 'photo', caption: '' },
    ];
    expect(renderAttribution(credits, 'en')).toEqual({ text: '', html: '', markdown: '', lines: [] });
  });

  it('drops roles it does not know', () => {
    const credits = [{ role: 'sponsor', person: 'X' }] as unknown as Credit[];
    expect(renderAttribution(credits, 'en').lines).toEqual([]);
  });

  describe('hostile input', () => {
    it('shows markup only escaped in HTML', () => {
      const credits: Credit[] = [
        { role: 'author', person: '<script>alert(1)</script>', source: { name: '<img src=x onerror=alert(1)>' } },
        { role: 'photo', caption: '"><svg onload=alert(1)>', url: 'https://x.example/?a="onmouseover=alert(1)' },
      ];
      const { html } = renderAttribution(credits, 'en');
      expect(html).not.toMatch(/<script|<img|<svg/i);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      // The URL Standard percent-encodes a quote in a query: the attribute cannot be closed.
      expect(html).toContain('href="https://x.example/?a=%22onmouseover=alert(1)"');
      expect(html.match(/<p>/g)).toHaveLength(2);
    });

    it('never links or shows a javascript: or data: url', () => {
      const credits: Credit[] = [
        { role: 'original', url: 'javascript:alert(document.cookie)' },
        { role: 'author', person: 'A', url: 'data:text/html,<script>alert(1)</script>', source: { name: 'S', website: 'JavaScript:alert(1)' } },
        { role: 'via', source: { name: 'V', website: '/relative/path' }, url: 'http//broken' },
      ];
      const attribution = renderAttribution(credits, 'en');
      expect(attribution.lines.map((line) => line.url)).toEqual([null, null]);
      expect(attribution.lines.map((line) => line.role)).toEqual(['author', 'via']);
      expect(`${attribution.text}${attribution.html}${attribution.markdown}`).not.toMatch(/javascript|data:|href/i);
    });

    it('caps a 10 000-character caption', () => {
      const { lines, html } = renderAttribution([{ role: 'photo', caption: 'x'.repeat(10_000) }], 'en');
      expect(lines[0]?.text).toHaveLength(1000);
      expect(lines[0]?.text.endsWith('…')).toBe(true);
      expect(html.length).toBeLessThan(1100);
    });

    it('strips null bytes and control characters and collapses whitespace', () => {
      const credits: Credit[] = [{ role: 'author', person: '  Av\u0000ic \n\t Dupont\u0007 ', source: { name: 'R\u202eI' } }];
      expect(renderAttribution(credits, 'en').lines[0]?.text).toBe('Avic Dupont – RI');
    });

    it('escapes markdown syntax so a field cannot forge a link', () => {
      const credits: Credit[] = [{ role: 'author', person: '[click](https://evil.example) *bold* `code` <b>' }];
      const { markdown } = renderAttribution(credits, 'en');
      expect(markdown).toBe('Author: \\[click\\]\\(https://evil.example\\) \\*bold\\* \\`code\\` \\<b\\>');
    });

    it('keeps a markdown link destination intact when the url has parentheses', () => {
      const credits: Credit[] = [{ role: 'author', person: 'W', url: 'https://en.wikipedia.org/wiki/Foo_(bar)' }];
      expect(renderAttribution(credits, 'en').markdown).toBe('Author: [W](https://en.wikipedia.org/wiki/Foo_%28bar%29)');
    });
  });
});

describe('French typography', () => {
  // Imprimerie nationale: a no-break space before the colon, an ordinary one after, so that the
  // colon never starts a line and a long value (a URL) can still wrap after it.
  const credits: Credit[] = [
    { role: 'original', url: ORIGINAL_URL },
    { role: 'translation', person: 'Avic', source: { name: 'Réseau International' } },
  ];

  it('puts U+00A0 before the colon and an ordinary space after, in text, html and markdown', () => {
    const { text, html, markdown } = renderAttribution(credits, 'fr');
    expect(text.split('\n')).toEqual([`Source\u00a0: ${ORIGINAL_URL}`, 'Traduction\u00a0: Avic\u00a0– Réseau International']);
    expect(html.split('\n')[0]).toBe(`<p>Source\u00a0: <a href="${ORIGINAL_URL}" rel="nofollow noopener">${ORIGINAL_URL}</a></p>`);
    expect(markdown.split('\n\n')[0]).toMatch(/^Source\u00a0: \[https:\/\/www\.rt\.com\//);
    expect(`${text}${html}${markdown}`).not.toMatch(/:\u00a0|–\u00a0/);
  });

  it('keeps English without a space before the colon', () => {
    expect(renderAttribution(credits, 'en').text.split('\n')[0]).toBe(`Source: ${ORIGINAL_URL}`);
  });
});
