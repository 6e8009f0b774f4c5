import { EMBED_TAG, markEmbedUrls, renderEmbedMarker } from '../../../src/core/wordpress/markEmbedUrls';

const marker = (url: string) => renderEmbedMarker(url);

describe('markEmbedUrls', () => {
  it('marks a URL alone on its line in classic content, as WordPress’s autoembed does', () => {
    expect(markEmbedUrls('Regardez :\n  https://www.youtube.com/watch?v=a1  \nFin', { ownLines: true })).toBe(`Regardez :\n${marker('https://www.youtube.com/watch?v=a1')}\nFin`);
  });

  it('marks a URL alone in a paragraph, lines or not', () => {
    const html = '<p class="x"> https://vimeo.com/1 </p>';
    expect(markEmbedUrls(html, { ownLines: false })).toBe(marker('https://vimeo.com/1'));
  });

  it('leaves a URL among words, in a link or in a block post’s lines alone', () => {
    for (const html of ['Source : https://www.rt.com/news/1/', '<p><a href="https://x.org/">https://x.org/</a></p>', 'ftp://x.org/file']) {
      expect(markEmbedUrls(html, { ownLines: true })).toBe(html);
    }
    expect(markEmbedUrls('\nhttps://x.org/\n', { ownLines: false })).toBe('\nhttps://x.org/\n');
  });

  it('escapes the URL in the marker', () => {
    expect(renderEmbedMarker('https://x.org/?a=1&b="2"')).toBe(`\n\n<${EMBED_TAG} url="https://x.org/?a=1&amp;b=&quot;2&quot;"></${EMBED_TAG}>\n\n`);
  });
});
