import type { LostTally } from '../../../src/core/wordpress/countLost';
import { expandShortcodes, type ShortcodeOptions } from '../../../src/core/wordpress/expandShortcodes';
import { renderEmbedMarker } from '../../../src/core/wordpress/markEmbedUrls';

function expand(content: string, options: ShortcodeOptions = {}): { html: string; lost: LostTally } {
  const lost: LostTally = {};
  return { html: expandShortcodes(content, lost, options), lost };
}

describe('expandShortcodes', () => {
  describe('[caption]', () => {
    it('makes a figure of the image and the text after it', () => {
      const { html, lost } = expand('[caption id="attachment_12" align="alignnone" width="300"]<a href="/g.jpg"><img src="/p.jpg" alt="A" class="wp-image-12" /></a> La <em>légende</em>[/caption]');
      expect(html).toBe('\n\n<figure id="attachment_12"><a href="/g.jpg"><img src="/p.jpg" alt="A" class="wp-image-12" /></a><figcaption>La <em>légende</em></figcaption></figure>\n\n');
      expect(lost).toEqual({});
    });

    it('reads the older caption attribute, its markup written with entities', () => {
      const { html } = expand('[wp_caption id="attachment_3" caption="Photo &lt;a href=&quot;/agence&quot;&gt;AFP&lt;/a&gt; &amp; Reuters"]<img src="/p.jpg" />[/wp_caption]');
      expect(html).toBe('\n\n<figure id="attachment_3"><img src="/p.jpg" /><figcaption>Photo <a href="/agence">AFP</a> & Reuters</figcaption></figure>\n\n');
    });
  });

  describe('[gallery]', () => {
    const resolveAttachment = (id: number) => ({ 1: { src: '/1.jpg', alt: 'Un', caption: 'Premier & seul' }, 2: { src: '/2.jpg' } })[id] ?? null;

    it('makes a figure per image it can find', () => {
      const { html, lost } = expand('[gallery columns="2" ids="1, 2"]', { resolveAttachment });
      expect(html).toBe(
        '\n\n<div class="gallery"><figure id="attachment_1"><img src="/1.jpg" alt="Un" class="wp-image-1"><figcaption>Premier &amp; seul</figcaption></figure>' +
          '<figure id="attachment_2"><img src="/2.jpg" alt="" class="wp-image-2"><figcaption></figcaption></figure></div>\n\n',
      );
      expect(lost).toEqual({});
    });

    it('counts a gallery whose images it cannot all find', () => {
      expect(expand('[gallery ids="1,9"]', { resolveAttachment }).lost).toEqual({ gallery: 1 });
      expect(expand('[gallery ids="1,2"]').lost).toEqual({ gallery: 1 });
      expect(expand('[gallery]', { resolveAttachment })).toEqual({ html: '\n\n', lost: { gallery: 1 } });
    });
  });

  it('makes embeds markers, and counts an embed without a URL', () => {
    expect(expand('[embed width="500"]https://vimeo.com/1[/embed] [youtube https://youtu.be/x] [tweet url="https://twitter.com/a/status/1"]').html).toBe(
      `${renderEmbedMarker('https://vimeo.com/1')} ${renderEmbedMarker('https://youtu.be/x')} ${renderEmbedMarker('https://twitter.com/a/status/1')}`,
    );
    expect(expand('[embed][/embed]')).toEqual({ html: '', lost: { embed: 1 } });
  });

  it('makes audio and video elements of their source', () => {
    expect(expand('[audio mp3="/a.mp3"][video width="640" mp4="/v.mp4"][/video][playlist ids="4"]').html).toBe(
      '\n\n<audio src="/a.mp3"></audio>\n\n\n\n<video src="/v.mp4"></video>\n\n\n\n<audio></audio>\n\n',
    );
  });

  it('drops the brackets of other shortcodes, keeps their content and counts them by name', () => {
    const { html, lost } = expand('[vc_row][vc_column][vc_column_text]<p>Texte</p>[/vc_column_text][/vc_column][/vc_row][contact-form-7 id="5" title="Écrire"][toc /]');
    expect(html).toBe('<p>Texte</p>');
    expect(lost).toEqual({ 'shortcode:vc_row': 1, 'shortcode:vc_column': 1, 'shortcode:vc_column_text': 1, 'shortcode:contact-form-7': 1, 'shortcode:toc': 1 });
  });

  it('leaves prose in brackets as written', () => {
    const prose = 'Il a dit [sic] que [Mise à jour : 18 h] la note [1] et [...] [x = y] [a-b].';
    expect(expand(prose)).toEqual({ html: prose, lost: {} });
  });

  it('keeps an escaped shortcode as its text, as WordPress shows [[caption]]', () => {
    expect(expand('Écrire [[caption]] ou [[gallery ids="1"]] ou [[embed]x[/embed]].')).toEqual({ html: 'Écrire [caption] ou [gallery ids="1"] ou [embed]x[/embed].', lost: {} });
    expect(expand('[[toc /] puis [toc /]] fin').html).toBe('[ puis ] fin');
  });

  it('never throws on shortcodes left open', () => {
    expect(expand('[caption id="attachment_1"]<img src="/a.jpg"> sans fin').html).toBe('\n\n<figure id="attachment_1"><figcaption></figcaption></figure>\n\n<img src="/a.jpg"> sans fin');
    expect(expand('[/caption] [embed').html).toBe('[/caption] [embed');
  });
});
