import fc from 'fast-check';
import { stripInvisibleFromBlocks } from '../../../src/core/text';

const RLO = '\u202E';

describe('stripInvisibleFromBlocks', () => {
  it('strips the text of every text node, at any depth, and keeps everything else', () => {
    const body = [
      { type: 'paragraph', children: [{ type: 'text', text: `Voir ${RLO}gpj.exe`, bold: true }] },
      {
        type: 'list',
        format: 'unordered',
        children: [
          {
            type: 'list-item',
            children: [{ type: 'link', url: 'https://example.org/', children: [{ type: 'text', text: `pay\u200Bpal` }] }],
          },
        ],
      },
      { type: 'code', language: 'js', children: [{ type: 'text', text: `if (admin${RLO}) {}` }] },
    ];
    expect(stripInvisibleFromBlocks(body)).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: 'Voir gpj.exe', bold: true }] },
      {
        type: 'list',
        format: 'unordered',
        children: [{ type: 'list-item', children: [{ type: 'link', url: 'https://example.org/', children: [{ type: 'text', text: 'paypal' }] }] }],
      },
      { type: 'code', language: 'js', children: [{ type: 'text', text: 'if (admin) {}' }] },
    ]);
  });

  it('keeps the joiners that shape Persian text', () => {
    const body = [{ type: 'paragraph', children: [{ type: 'text', text: 'می\u200Cخواهم' }] }];
    expect(stripInvisibleFromBlocks(body)).toEqual(body);
  });

  it('returns a copy, and what is not blocks as it is', () => {
    const body = [{ type: 'paragraph', children: [{ type: 'text', text: `a${RLO}` }] }];
    stripInvisibleFromBlocks(body);
    expect(body[0].children[0].text).toBe(`a${RLO}`);
    for (const value of [null, undefined, 'texte', 42]) expect(stripInvisibleFromBlocks(value)).toBe(value);
  });

  it('leaves no bidi control in any text node, and strips nothing twice', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ' ', 'ש', '\u202E', '\u2066', '\u200B', '\u200D', '\u200C', '😀') });
    const leaf = text.map((t) => ({ type: 'text', text: t }));
    const blocks = fc.array(fc.record({ type: fc.constant('paragraph'), children: fc.array(leaf, { maxLength: 4 }) }), { maxLength: 4 });
    fc.assert(
      fc.property(blocks, (body) => {
        const once = stripInvisibleFromBlocks(body);
        expect(JSON.stringify(once)).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B]/);
        expect(stripInvisibleFromBlocks(once)).toEqual(once);
      })
    );
  });
});
