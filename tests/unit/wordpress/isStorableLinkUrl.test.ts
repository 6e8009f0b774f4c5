import { isStorableLinkUrl } from '../../../src/core/wordpress/isStorableLinkUrl';
import { validateWithStrapi } from './strapiBlocksValidator';

const linkBlock = (url: string) => [{ type: 'paragraph', children: [{ type: 'link', url, children: [{ type: 'text', text: 'x' }] }] }];

describe('isStorableLinkUrl', () => {
  const kept = ['https://example.org/a?b=1#c', 'http://example.org', '/archives/2017', '//cdn.example.org/x.js', 'mailto:r@example.org', 'tel:+33100000000'];
  const refused = ['', '#notes', '../autre', 'page.html', '?page=2', 'javascript:alert(1)', 'data:text/html,x', 'ftp://example.org/f', 'https://user:pw@example.org/', 'https://exa mple.org/'];

  it('keeps the addresses both Strapi and Colophon store, and refuses the others', () => {
    for (const url of kept) expect([url, isStorableLinkUrl(url)]).toEqual([url, true]);
    for (const url of refused) expect([url, isStorableLinkUrl(url)]).toEqual([url, false]);
  });

  it('agrees with Strapi’s own validator on what it keeps', async () => {
    for (const url of kept) await validateWithStrapi(linkBlock(url));
    for (const url of ['#notes', '../autre', 'page.html', 'javascript:alert(1)']) await expect(validateWithStrapi(linkBlock(url))).rejects.toThrow();
  });
});
