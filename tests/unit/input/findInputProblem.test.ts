import { findInputProblem } from '../../../src/core/input';

describe('findInputProblem', () => {
  it('accepts ordinary queries and bodies', () => {
    expect(findInputProblem({ filters: { title: { $eq: 'Brexit' } }, sort: ['title:asc'], pagination: { page: 2 } })).toBeNull();
    expect(findInputProblem({ data: { title: 'Été', body: [{ type: 'paragraph', children: [{ type: 'text', text: 'x' }] }] } })).toBeNull();
    expect(findInputProblem(undefined)).toBeNull();
  });

  it('names where a NUL character is, in a value or a key', () => {
    expect(findInputProblem({ filters: { title: { $eq: 'a\u0000' } } })).toEqual({ path: ['filters', 'title', '$eq'], message: 'must not contain a NUL character' });
    expect(findInputProblem({ data: { credits: [{ url: 'ok' }, { url: '\u0000' }] } })?.path).toEqual(['data', 'credits', 1, 'url']);
    expect(findInputProblem({ ['a\u0000']: 1 })?.message).toMatch(/key/);
  });

  it('names where a string is not well-formed Unicode: a lone surrogate, in a value or a key', () => {
    expect(findInputProblem({ data: { title: 'Titre \uD800 seul' } })).toEqual({
      path: ['data', 'title'],
      message: 'is not well-formed Unicode (a lone surrogate U+D800 at character 6)',
    });
    expect(findInputProblem({ data: { credits: [{}, { note: 'fin \uDC00' }] } })?.path).toEqual(['data', 'credits', 1, 'note']);
    expect(findInputProblem({ data: { ['ti\uDBFFtle']: 'x' } })).toEqual({ path: ['data', 'ti\uDBFFtle'], message: 'has a lone surrogate in a key' });
  });

  it('accepts characters outside the Basic Multilingual Plane, whose surrogates come in pairs', () => {
    expect(findInputProblem({ data: { title: 'Famille 👩\u200D👩\u200D👧 𝔘𝔫𝔦𝔠𝔬𝔡𝔢' } })).toBeNull();
  });

  it('refuses nesting past the bound, and walks 100 000 levels without overflowing its own stack', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(findInputProblem(deep, { maxDepth: 32 })?.message).toBe('is nested deeper than 32 levels');
    let fine: unknown = 'leaf';
    for (let i = 0; i < 31; i += 1) fine = { a: fine };
    expect(findInputProblem(fine, { maxDepth: 32 })).toBeNull();
  });
});
