import { renderBreadcrumbText } from '../../../src/core/trail';

const crumbs = [
  { label: 'Cellule44', path: '/', url: '/' },
  { label: 'Blog', path: '/blog', url: '/blog' },
];

describe('renderBreadcrumbText', () => {
  it('joins labels with " > " by default', () => {
    expect(renderBreadcrumbText(crumbs)).toBe('Cellule44 > Blog');
  });

  it('joins labels with a custom separator', () => {
    expect(renderBreadcrumbText(crumbs, ' » ')).toBe('Cellule44 » Blog');
  });

  it('renders nothing for no crumbs', () => {
    expect(renderBreadcrumbText([])).toBe('');
  });
});
