import { parse } from '@wordpress/block-serialization-default-parser';
import type { LostTally } from '../../../src/core/wordpress/countLost';
import { renderEmbedMarker } from '../../../src/core/wordpress/markEmbedUrls';
import { renderParsedBlock } from '../../../src/core/wordpress/renderParsedBlock';

function render(content: string): { html: string; lost: LostTally } {
  const lost: LostTally = {};
  return { html: parse(content).map((block) => renderParsedBlock(block, lost)).join(''), lost };
}

describe('renderParsedBlock', () => {
  it('puts inner blocks where innerContent keeps their place', () => {
    const content = '<!-- wp:quote --><blockquote class="wp-block-quote"><!-- wp:paragraph --><p>Un</p><!-- /wp:paragraph --><cite>Qui</cite></blockquote><!-- /wp:quote -->';
    expect(render(content).html).toBe('<blockquote class="wp-block-quote"><p>Un</p><cite>Qui</cite></blockquote>');
  });

  it('counts a dynamic block under its name, and nothing for a static block left empty', () => {
    const content = '<!-- wp:latest-posts {"postsToShow":3} /--><!-- wp:archives --><!-- /wp:archives --><!-- wp:block {"ref":12} /--><!-- wp:paragraph /--><!-- wp:separator --><hr class="wp-block-separator"/><!-- /wp:separator -->';
    expect(render(content)).toEqual({ html: '<hr class="wp-block-separator"/>', lost: { 'core/latest-posts': 1, 'core/archives': 1, 'core/block': 1 } });
  });

  it('makes an embed block a marker and its caption a paragraph, old provider-named blocks too', () => {
    const content =
      '<!-- wp:embed {"url":"https://youtu.be/a"} --><figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\nhttps://youtu.be/a\n</div><figcaption>La <b>vidéo</b></figcaption></figure><!-- /wp:embed -->' +
      '<!-- wp:core-embed/twitter --><figure class="wp-block-embed-twitter"><div class="wp-block-embed__wrapper">\nhttps://twitter.com/a/status/1\n</div></figure><!-- /wp:core-embed/twitter -->';
    expect(render(content).html).toBe(`${renderEmbedMarker('https://youtu.be/a')}<p>La <b>vidéo</b></p>${renderEmbedMarker('https://twitter.com/a/status/1')}`);
  });

  it('gives freeform chunks and core/shortcode autop, and expands shortcodes in every block', () => {
    const content = 'Ligne un\nligne deux\n\n<!-- wp:shortcode -->\n[audio src="/a.mp3"]\n<!-- /wp:shortcode -->\n\n<!-- wp:paragraph --><p>Un [highlight]mot[/highlight].</p><!-- /wp:paragraph -->';
    const { html, lost } = render(content);
    // autop does not know <audio> for a block; convertHtmlToBlocks takes it out of the paragraph.
    expect(html).toBe('<p>Ligne un<br />\nligne deux</p>\n<p><audio src="/a.mp3"></audio></p>\n<p>Un mot.</p>');
    expect(lost).toEqual({ 'shortcode:highlight': 1 });
  });

  it('marks a URL alone in a paragraph block as an embed', () => {
    expect(render('<!-- wp:paragraph --><p>https://vimeo.com/9</p><!-- /wp:paragraph -->').html).toBe(renderEmbedMarker('https://vimeo.com/9'));
  });
});
