import { countLinks } from '../../../src/core/moderation';

describe('countLinks', () => {
  it('counts http and https links', () => {
    expect(countLinks('see http://a.example/x and HTTPS://b.example')).toBe(2);
  });

  it('counts bare www. hosts', () => {
    expect(countLinks('buy at www.pills.com now')).toBe(1);
  });

  it('does not count ordinary words, emails or other schemes', () => {
    expect(countLinks('I use node.js and write to jeanne@example.org or ftp://files.example')).toBe(0);
    expect(countLinks('')).toBe(0);
  });
});
