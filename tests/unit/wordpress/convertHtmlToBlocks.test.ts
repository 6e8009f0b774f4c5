import { convertHtmlToBlocks } from '../../../src/core/wordpress/convertHtmlToBlocks';
import type { LostTally } from '../../../src/core/wordpress/countLost';
import { renderEmbedMarker } from '../../../src/core/wordpress/markEmbedUrls';
import type { BlockNode, ImagePlaceholder } from '../../../src/core/wordpress/types';
import { validateWithStrapi } from './strapiBlocksValidator';

type Marks = Pick<BlockNode, 'bold' | 'italic' | 'underline' | 'strikethrough' | 'code'>;
const t = (text: string, marks: Marks = {}): BlockNode => ({ type: 'text', text, ...marks });
const a = (url: string, text: string): BlockNode => ({ type: 'link', url, children: [t(text)] });
const wrap = (children: Array<BlockNode | string>) => children.map((c) => (typeof c === 'string' ? t(c) : c));
const p = (...children: Array<BlockNode | string>): BlockNode => ({ type: 'paragraph', children: wrap(children) });
const li = (...children: Array<BlockNode | string>): BlockNode => ({ type: 'list-item', children: wrap(children) });
const ul = (...children: BlockNode[]): BlockNode => ({ type: 'list', format: 'unordered', children });
const image = (src: string, alt = '', caption = '', attachmentId: number | null = null): ImagePlaceholder => ({ type: 'wordpress-image', src, alt, caption, attachmentId });

function convert(html: string): { blocks: Array<BlockNode | ImagePlaceholder>; lost: LostTally } {
  const lost: LostTally = {};
  return { blocks: convertHtmlToBlocks(html, lost), lost };
}

describe('convertHtmlToBlocks', () => {
  describe('marks and links', () => {
    it('maps inline elements to Strapi’s marks, and merges neighbours that share them', () => {
      const html = '<p><strong>Gras</strong><b> encore</b>, <em>it</em><i>alique</i>, <u>souligné</u>, <s>barré</s> <del>effacé</del> <strike>rayé</strike>, <code>npm test</code>, <strong><em>les deux</em></strong></p>';
      expect(convert(html).blocks).toEqual([
        p(
          t('Gras encore', { bold: true }), ', ', t('italique', { italic: true }), ', ', t('souligné', { underline: true }), ', ',
          t('barré', { strikethrough: true }), ' ', t('effacé', { strikethrough: true }), ' ', t('rayé', { strikethrough: true }), ', ', t('npm test', { code: true }), ', ', t('les deux', { bold: true, italic: true }),
        ),
      ]);
    });

    it('reads the marks TinyMCE and pasted text write as styles, and unsets Google Docs’ normal-weight <b>', () => {
      const html = '<b style="font-weight:normal;" id="docs-internal-guid-1"><p><span style="text-decoration: underline;">souligné</span> <span style="text-decoration: line-through;">barré</span> <span style="font-weight: 700">gras</span> <span style="font-style: italic">penché</span> normal</p></b>';
      expect(convert(html).blocks).toEqual([
        p(t('souligné', { underline: true }), ' ', t('barré', { strikethrough: true }), ' ', t('gras', { bold: true }), ' ', t('penché', { italic: true }), ' normal'),
      ]);
    });

    it('keeps links with their href as written, relative ones included, and the text of links Strapi would refuse', () => {
      const html = '<p><a href="https://example.org/a?b=1&amp;c=2">absolu</a> <a href="/archives/2017">chemin</a> <a href="mailto:redaction@example.org">courriel</a> <a href="javascript:alert(1)">piège</a> <a href="#notes">ancre</a> <a name="haut">nommé</a></p>';
      const { blocks, lost } = convert(html);
      expect(blocks).toEqual([
        p(a('https://example.org/a?b=1&c=2', 'absolu'), ' ', a('/archives/2017', 'chemin'), ' ', a('mailto:redaction@example.org', 'courriel'), ' piège ancre nommé'),
      ]);
      expect(lost).toEqual({ link: 2 });
    });

    it('keeps marks inside links', () => {
      expect(convert('<p><a href="/x">un <b>lien</b></a></p>').blocks).toEqual([p({ type: 'link', url: '/x', children: [t('un '), t('lien', { bold: true })] })]);
    });
  });

  describe('whitespace', () => {
    it('collapses it as a browser does, keeps NBSP, and makes <br> a newline without spaces around it', () => {
      // Of the spaces around "gras", the browser keeps the first of each run: the bold one after it.
      const html = '<p>\n  Un   texte\n<b> gras </b> suivi<br />\n  d’une ligne&nbsp;:&nbsp;fin  <br></p>';
      expect(convert(html).blocks).toEqual([p('Un texte ', t('gras ', { bold: true }), 'suivi\nd’une ligne\u00a0:\u00a0fin')]);
    });

    it('writes no empty paragraphs', () => {
      expect(convert('<p></p><p> </p><p>&nbsp;</p><p><br></p><div>\n</div><p><b> </b></p>').blocks).toEqual([]);
    });
  });

  describe('blocks', () => {
    it('gives headings their level', () => {
      expect(convert('<h1>Un</h1><h4>Quatre</h4><h6>Six</h6>').blocks).toEqual([1, 4, 6].map((level, i) => ({ type: 'heading', level, children: [t(['Un', 'Quatre', 'Six'][i])] })));
    });

    it('nests lists as Strapi’s editor stores them: a list among its parent’s items, one indentLevel deeper', () => {
      const html = '<ol><li>Un<ul><li>Un a<ol><li>Un a i</li></ol></li></ul></li><li>Deux</li></ol>';
      expect(convert(html).blocks).toEqual([
        {
          type: 'list',
          format: 'ordered',
          children: [
            li('Un'),
            { type: 'list', format: 'unordered', indentLevel: 1, children: [li('Un a'), { type: 'list', format: 'ordered', indentLevel: 2, children: [li('Un a i')] }] },
            li('Deux'),
          ],
        },
      ]);
    });

    it('reads the list TinyMCE nested directly in its parent list', () => {
      expect(convert('<ul><li>Un</li><ul><li>Un a</li></ul><li>Deux</li></ul>').blocks).toEqual([
        ul(li('Un'), { type: 'list', format: 'unordered', indentLevel: 1, children: [li('Un a')] }, li('Deux')),
      ]);
    });

    it('joins the paragraphs of a list item or a quote with line breaks', () => {
      expect(convert('<ul><li><p>Premier</p><p>paragraphe</p></li></ul><blockquote><p>Une</p>\n<p>citation</p><cite>Auteur</cite></blockquote>').blocks).toEqual([
        ul(li('Premier\nparagraphe')),
        { type: 'quote', children: [t('Une\ncitation\nAuteur')] },
      ]);
    });

    it('reads a pullquote as a quote', () => {
      const html = '<figure class="wp-block-pullquote"><blockquote><p>Jamais.</p><cite>Le ministre</cite></blockquote></figure>';
      expect(convert(html).blocks).toEqual([{ type: 'quote', children: [t('Jamais.\nLe ministre')] }]);
    });

    it('keeps code as written, with the language of its class', () => {
      const html = '<pre class="wp-block-code"><code class="language-js">const a = 1;\n\n  <b>return</b> a &lt; 2;\n</code></pre><pre>\nplain</pre><pre class="brush: php; gutter: false">echo 1;</pre><pre class="wp-block-preformatted">Texte   <strong>préformaté</strong></pre>';
      expect(convert(html).blocks).toEqual([
        { type: 'code', language: 'js', children: [t('const a = 1;\n\n  return a < 2;')] },
        { type: 'code', children: [t('plain')] },
        { type: 'code', language: 'php', children: [t('echo 1;')] },
        { type: 'code', children: [t('Texte   préformaté')] },
      ]);
    });

    it('reads a verse as a paragraph that keeps its line breaks', () => {
      expect(convert('<pre class="wp-block-verse">Sous le pont Mirabeau\ncoule la Seine</pre>').blocks).toEqual([p('Sous le pont Mirabeau\ncoule la Seine')]);
    });
  });

  describe('images', () => {
    it('takes a figure’s caption and attachment for its one image', () => {
      const html = '<figure id="attachment_9" class="wp-caption"><a href="/grand.jpg"><img src="/petit.jpg" alt="Vue" /></a><figcaption>Vue du <a href="/port">port</a><br>la nuit</figcaption></figure>';
      expect(convert(html).blocks).toEqual([image('/petit.jpg', 'Vue', 'Vue du port\nla nuit', 9)]);
    });

    it('reads a caption WordPress rendered, copied from another site', () => {
      const html = '<div id="attachment_8" class="wp-caption aligncenter"><img src="/x.jpg" alt="X"><p class="wp-caption-text">Le <b>sommet</b></p></div><p>Suite</p>';
      expect(convert(html).blocks).toEqual([image('/x.jpg', 'X', 'Le sommet', 8), p('Suite')]);
    });

    it('gives each image of a gallery its own caption, and the gallery’s caption a paragraph', () => {
      const html = '<figure class="wp-block-gallery"><ul class="blocks-gallery-grid"><li class="blocks-gallery-item"><figure><img src="/1.jpg" data-id="1" class="wp-image-1"><figcaption>Un</figcaption></figure></li><li class="blocks-gallery-item"><figure><img src="/2.jpg" class="wp-image-2"></figure></li></ul><figcaption class="blocks-gallery-caption">La série</figcaption></figure>';
      expect(convert(html).blocks).toEqual([image('/1.jpg', '', 'Un', 1), image('/2.jpg', '', '', 2), p('La série')]);
    });

    it('splits headings and quotes around an image, and puts an image of a list after the list', () => {
      const html = '<h2>Avant <img src="/h.jpg"> après</h2><blockquote>Dit <img src="/q.jpg"> encore</blockquote><ol><li>Un <img src="/l.jpg"> point</li><li>Deux</li></ol>';
      expect(convert(html).blocks).toEqual([
        { type: 'heading', level: 2, children: [t('Avant')] },
        image('/h.jpg'),
        { type: 'heading', level: 2, children: [t('après')] },
        { type: 'quote', children: [t('Dit')] },
        image('/q.jpg'),
        { type: 'quote', children: [t('encore')] },
        { type: 'list', format: 'ordered', children: [li('Un point'), li('Deux')] },
        image('/l.jpg'),
      ]);
    });

    it('takes the real address of a lazy-loaded image, and counts an image without one', () => {
      const { blocks, lost } = convert('<img src="data:image/gif;base64,R0lGOD" data-lazy-src="/vrai.jpg" alt="x"><img alt="rien">');
      expect(blocks).toEqual([image('/vrai.jpg', 'x')]);
      expect(lost).toEqual({ image: 1 });
    });
  });

  describe('what blocks cannot hold', () => {
    it('makes a table a paragraph per row, cells joined with " | ", and counts it', () => {
      const html = '<table><caption>Résultats</caption><tr><th>Parti</th><th>Voix</th></tr><tr><td><a href="/a">A</a></td><td>12 %</td></tr><tr><td></td><td></td></tr></table>';
      const { blocks, lost } = convert(html);
      expect(blocks).toEqual([p('Résultats'), p('Parti | Voix'), p(a('/a', 'A'), ' | 12 %')]);
      expect(lost).toEqual({ table: 1 });
    });

    it('makes a table inside a list item or a quote lines of it', () => {
      expect(convert('<ul><li>Voici :<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table></li></ul>').blocks).toEqual([ul(li('Voici :\na | b\nc | d'))]);
    });

    it('links to audio, video and frames, and counts them as media', () => {
      const html = '<p>Écoutez <audio controls src="/son.mp3"></audio></p><video controls><source src="/film.mp4" type="video/mp4"></video><iframe src="https://www.youtube.com/embed/x" />Après';
      const { blocks, lost } = convert(html);
      expect(blocks).toEqual([p('Écoutez'), p(a('/son.mp3', '/son.mp3')), p(a('/film.mp4', '/film.mp4')), p(a('https://www.youtube.com/embed/x', 'https://www.youtube.com/embed/x')), p('Après')]);
      expect(lost).toEqual({ media: 3 });
    });

    it('makes an embed marker a paragraph linking to its URL', () => {
      const { blocks, lost } = convert(`<p>Avant</p>${renderEmbedMarker('https://twitter.com/x/status/1')}`);
      expect(blocks).toEqual([p('Avant'), p(a('https://twitter.com/x/status/1', 'https://twitter.com/x/status/1'))]);
      expect(lost).toEqual({ embed: 1 });
    });

    it('drops scripts, styles and comments', () => {
      const { blocks, lost } = convert('<p>Un<!-- caché --> <script type="text/javascript">document.write("deux")</script>trois</p><style>.x{}</style><noscript>Activez JavaScript</noscript>');
      expect(blocks).toEqual([p('Un trois')]);
      expect(lost).toEqual({ script: 2 });
    });
  });

  it('survives nesting deeper than any post, keeping the text', () => {
    const { blocks } = convert(`${'<div><span>'.repeat(5000)}profond${'</span></div>'.repeat(5000)}`);
    expect(blocks).toEqual([p('profond')]);
  });

  it('writes blocks Strapi’s validator accepts', async () => {
    const html = '<h2>T</h2><ol><li>a<ul><li>b</li></ul></li></ol><blockquote>q</blockquote><pre class="language-sh">ls</pre><p><a href="/x"><b>l</b></a></p><img src="/i.jpg"><table><tr><td>c</td></tr></table>';
    await validateWithStrapi(convert(html).blocks);
  });
});
