import type { LostTally } from '../../../src/core/wordpress/countLost';
import { EMBED_TAG } from '../../../src/core/wordpress/markEmbedUrls';
import { prepareClassicHtml } from '../../../src/core/wordpress/prepareClassicHtml';

describe('prepareClassicHtml', () => {
  it('makes paragraphs of blank lines and <br /> of single newlines, as WordPress’s autop does', () => {
    expect(prepareClassicHtml('Un\ndeux\n\nTrois', {})).toBe('<p>Un<br />\ndeux</p>\n<p>Trois</p>\n');
  });

  it('embeds URLs alone on a line and expands shortcodes into blocks autop leaves whole', () => {
    const lost: LostTally = {};
    const html = prepareClassicHtml('Voir :\nhttps://youtu.be/a\n[caption id="attachment_4"]<img src="/a.jpg" /> Légende[/caption] Suite', lost);
    expect(html).toBe(`<p>Voir :</p>\n<${EMBED_TAG} url="https://youtu.be/a"></${EMBED_TAG}>\n<figure id="attachment_4"><img src="/a.jpg" /><figcaption>Légende</figcaption></figure>\n<p> Suite</p>\n`);
    expect(lost).toEqual({});
  });

  it('gives nothing for blank content', () => {
    expect(prepareClassicHtml(' \n ', {})).toBe('');
  });
});
