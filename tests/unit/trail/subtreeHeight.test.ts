import { buildChildrenMap, subtreeHeight } from '../../../src/core/trail';

describe('subtreeHeight', () => {
  const childrenOf = buildChildrenMap(
    new Map<string, string | null>([
      ['root', null],
      ['a', 'root'],
      ['b', 'root'],
      ['a1', 'a'],
      ['a1x', 'a1'],
    ]),
  );

  it('counts a leaf as one level', () => {
    expect(subtreeHeight('b', childrenOf)).toBe(1);
    expect(subtreeHeight('unknown', childrenOf)).toBe(1);
  });

  it('follows the deepest branch', () => {
    expect(subtreeHeight('root', childrenOf)).toBe(4);
    expect(subtreeHeight('a', childrenOf)).toBe(3);
  });

  it('terminates on cyclic data', () => {
    const cyclic = new Map([
      ['a', ['b']],
      ['b', ['a']],
    ]);
    expect(subtreeHeight('a', cyclic)).toBe(2);
  });
});

describe('buildChildrenMap', () => {
  it('groups children by parent and skips roots', () => {
    const children = buildChildrenMap(new Map<string, string | null>([['r', null], ['x', 'r'], ['y', 'r']]));
    expect(children.get('r')).toEqual(['x', 'y']);
    expect(children.has('x')).toBe(false);
  });
});
