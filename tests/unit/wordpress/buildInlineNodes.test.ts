import { buildInlineNodes, readInlineText, type Segment } from '../../../src/core/wordpress/buildInlineNodes';

const text = (value: string, extra: Partial<Extract<Segment, { kind: 'text' }>> = {}): Segment => ({ kind: 'text', text: value, marks: {}, href: null, ...extra });
const br: Segment = { kind: 'break', marks: {}, href: null };

describe('buildInlineNodes', () => {
  it('collapses HTML whitespace across segments, but not NBSP', () => {
    expect(buildInlineNodes([text('  Un \n\t'), text(' deux ', { marks: { bold: true } }), text('  trois\u00a0\u00a0: ')])).toEqual([
      { type: 'text', text: 'Un ' },
      { type: 'text', text: 'deux ', bold: true },
      { type: 'text', text: 'trois\u00a0\u00a0:' },
    ]);
  });

  it('makes a break a newline, trimming the spaces on either side and at the ends of the block', () => {
    expect(buildInlineNodes([br, text('a  '), br, text('  b'), br, br])).toEqual([{ type: 'text', text: 'a\nb' }]);
  });

  it('keeps preformatted text as written', () => {
    expect(buildInlineNodes([text('x'), text('  a\r\n   b', { preformatted: true })])).toEqual([{ type: 'text', text: 'x  a\n   b' }]);
  });

  it('merges neighbours with the same marks and groups a link’s texts', () => {
    const href = 'https://example.org/';
    expect(buildInlineNodes([text('a'), text('b'), text('c', { href }), text('d', { href, marks: { italic: true } }), text('e', { href: '/autre' })])).toEqual([
      { type: 'text', text: 'ab' },
      { type: 'link', url: href, children: [{ type: 'text', text: 'c' }, { type: 'text', text: 'd', italic: true }] },
      { type: 'link', url: '/autre', children: [{ type: 'text', text: 'e' }] },
    ]);
  });

  it('gives nothing for blank content: spaces, NBSP, breaks, table separators', () => {
    expect(buildInlineNodes([])).toEqual([]);
    expect(buildInlineNodes([text(' \u00a0 '), br, text(' | ', { separator: true })])).toEqual([]);
  });

  it('reads the text of inline nodes, links included', () => {
    expect(readInlineText(buildInlineNodes([text('Lire '), text('ici', { href: '/x' }), text('.')]))).toBe('Lire ici.');
  });
});
