import { stripInvisibleFromFields } from '../../../src/core/text';

describe('stripInvisibleFromFields', () => {
  it('strips the listed fields by kind and returns a copy', () => {
    const data = {
      name: 'Cellule\u200B44',
      breadcrumbSeparator: ' \u202E> ',
      body: [{ type: 'paragraph', children: [{ type: 'text', text: 'a\u2066b' }] }],
      slug: 'x\u200By',
    };
    expect(stripInvisibleFromFields(data, { text: ['name', 'breadcrumbSeparator'], blocks: ['body'] })).toEqual({
      name: 'Cellule44',
      breadcrumbSeparator: ' > ',
      body: [{ type: 'paragraph', children: [{ type: 'text', text: 'ab' }] }],
      slug: 'x\u200By',
    });
    expect(data.name).toBe('Cellule\u200B44');
  });

  it('leaves fields not sent, and values of another type, to Strapi', () => {
    expect(stripInvisibleFromFields({ name: 42, note: null }, { text: ['name', 'note', 'title'] })).toEqual({ name: 42, note: null });
  });
});
