import fc from 'fast-check';
import { normalizeBlockLinks } from '../../../src/core/attribution';

const paragraph = (url: unknown) => [
  { type: 'paragraph', children: [{ type: 'text', text: 'Lire ' }, { type: 'link', url, children: [{ type: 'text', text: 'ici' }] }] },
];

describe('normalizeBlockLinks', () => {
  it('keeps web addresses in the one stored form, and paths, anchors, mailto and tel as written', () => {
    expect(normalizeBlockLinks(paragraph('HTTPS://Example.org/a b'.replace(' ', '%20'))).blocks[0].children[1]).toMatchObject({ url: 'https://example.org/a%20b' });
    expect(normalizeBlockLinks(paragraph('https://ex.org/gpj\u202e.exe')).blocks[0].children[1]).toMatchObject({ url: 'https://ex.org/gpj%E2%80%AE.exe' });
    for (const url of ['/blog/monde', '#notes', '?page=2', '../autre', 'mailto:redaction@example.org', 'tel:+33100000000']) {
      expect(normalizeBlockLinks(paragraph(url))).toEqual({ blocks: paragraph(url), problem: null });
    }
  });

  it('names the first link that could run script or is no link at all', () => {
    expect(normalizeBlockLinks(paragraph('javascript:alert(1)')).problem).toEqual({
      path: [0, 'children', 1, 'url'],
      message: 'must be an http:// or https:// address, not "javascript:"',
    });
    for (const url of ['data:text/html,<script>', ' JavaScript:alert(1)', 'vbscript:x', 'https://user:pw@example.org/', 'not a url', 42]) {
      expect(normalizeBlockLinks(paragraph(url)).problem?.path).toEqual([0, 'children', 1, 'url']);
    }
  });

  it('finds links at any depth, and leaves what is not blocks alone', () => {
    const nested = [{ type: 'list', children: [{ type: 'list-item', children: [{ type: 'link', url: 'javascript:x', children: [] }] }] }];
    expect(normalizeBlockLinks(nested).problem?.path).toEqual([0, 'children', 0, 'children', 0, 'url']);
    expect(normalizeBlockLinks(null)).toEqual({ blocks: null, problem: null });
  });

  it('never lets a link out whose scheme is not http, https, mailto or tel (property)', () => {
    fc.assert(
      fc.property(fc.string(), (url) => {
        const { blocks, problem } = normalizeBlockLinks(paragraph(url));
        if (problem) return;
        const stored = (blocks as any)[0].children[1].url as string;
        const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(stored)?.[1]?.toLowerCase();
        expect(scheme === undefined || ['http', 'https', 'mailto', 'tel'].includes(scheme)).toBe(true);
      }),
      { seed: 22, numRuns: 2000 }
    );
  });
});
