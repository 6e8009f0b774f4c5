import fc from 'fast-check';
import { parse } from 'graphql';
import { findGraphqlEscapeProblem } from '../../../src/core/input';

describe('findGraphqlEscapeProblem', () => {
  it.each([
    ['{ article(documentId: "a\\u0000") { title } }', 'a NUL character'],
    ['{ article(documentId: "a\\u{0}") { title } }', 'a NUL character'],
    ['{ articles(filters: { title: { eq: "Titre \\ud800 seul" } }) { title } }', 'U+D800'],
    ['{ a(x: "\\uDC00\\uD800") }', 'U+DC00'],
    ['{ a(x: "\\u{D800}") }', 'U+D800'],
    ['{ a(x: "fin \\uD83D") }', 'U+D83D'],
  ])('finds the escape in %s', (source, mentions) => {
    const problem = findGraphqlEscapeProblem(source);
    expect(problem?.message).toContain(mentions);
    expect(source.slice(problem!.index, problem!.index + 2)).toBe('\\u');
  });

  it.each([
    '{ a(x: "\\uD83D\\uDE00 \\u00e9 \\u{1F600} \\n \\\\ \\"") }',
    // An escaped backslash: the text "\\ud800" is a backslash and the letters u, d, 8, 0, 0.
    '{ a(x: "\\\\ud800") }',
    // Block strings have no escapes but \\""": this is text, as written.
    '{ a(x: """\\ud800 \\u0000""") }',
    '# a comment: \\ud800 \\u0000\n{ a }',
    '{ a }',
  ])('accepts %s', (source) => {
    expect(findGraphqlEscapeProblem(source)).toBeNull();
  });

  it('agrees with graphql-js: whenever a document parses, the strings it holds are well-formed and NUL-free', () => {
    const escape = fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((code) => `\\u${code.toString(16).padStart(4, '0')}`),
      fc.integer({ min: 0, max: 0x10ffff }).map((code) => `\\u{${code.toString(16)}}`),
      fc.constantFrom('\\\\', '\\"', '\\n', 'a', ' ', '\\uD83D\\uDE00')
    );
    fc.assert(
      fc.property(fc.array(escape, { maxLength: 6 }), fc.boolean(), (parts, block) => {
        const source = block ? `{ a(x: """${parts.join('')}""") }` : `{ a(x: "${parts.join('')}") }`;
        let value: string | null = null;
        try {
          const document: any = parse(source);
          value = document.definitions[0].selectionSet.selections[0].arguments[0].value.value;
        } catch {
          return; // graphql-js refuses it: Apollo answers a 400 of its own
        }
        const problem = findGraphqlEscapeProblem(source);
        const bad = value!.includes('\u0000') || /\p{Cs}/u.test(value!);
        expect(problem !== null).toBe(bad);
      }),
      { numRuns: 3000 }
    );
  });
});
