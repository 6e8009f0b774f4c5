import fc from 'fast-check';
import { convertContentToBlocks } from '../../../src/core/wordpress/convertContentToBlocks';
import type { BlockNode, ImagePlaceholder } from '../../../src/core/wordpress/types';
import { validateWithStrapi } from './strapiBlocksValidator';

type Marks = Pick<BlockNode, 'bold' | 'italic' | 'underline' | 'strikethrough' | 'code'>;
const t = (text: string, marks: Marks = {}): BlockNode => ({ type: 'text', text, ...marks });
const a = (url: string, text: string): BlockNode => ({ type: 'link', url, children: [t(text)] });
const p = (...children: Array<BlockNode | string>): BlockNode => ({ type: 'paragraph', children: children.map((c) => (typeof c === 'string' ? t(c) : c)) });
const li = (...children: Array<BlockNode | string>): BlockNode => ({ type: 'list-item', children: children.map((c) => (typeof c === 'string' ? t(c) : c)) });
const image = (src: string, alt: string, caption: string, attachmentId: number | null): ImagePlaceholder => ({ type: 'wordpress-image', src, alt, caption, attachmentId });

/** Every text a reader sees in the blocks, one block (or list item) after another. */
function readBlocks(blocks: Array<BlockNode | ImagePlaceholder>): string[] {
  const read = (node: BlockNode): string => {
    if (node.type === 'text') return node.text ?? '';
    return (node.children ?? []).map(read).join(node.type === 'list' ? ' ' : '');
  };
  return blocks.map((block) => (block.type === 'wordpress-image' ? '' : read(block as BlockNode)));
}

const CLASSIC_POST = `Le sommet s'est tenu <strong>mardi</strong> à Vladivostok, <b>sans</b> la presse.

Les délégations ont discuté de trois points :
<ul>
	<li>la sécurité,</li>
	<li>le <em>commerce</em>,</li>
	<li>les transports.</li>
</ul>
La suite est prévue à Pyongyang.
Aucune date n'a été fixée.

Voir <a href="https://example.org/dossier-coree">notre dossier</a> et <a href="/archives/2017">les archives</a>.`;

const GUTENBERG_POST = `<!-- wp:paragraph -->
<p>Le Kremlin a confirmé la rencontre, <em>sans</em> préciser la date.</p>
<!-- /wp:paragraph -->

<!-- wp:heading {"level":3} -->
<h3 class="wp-block-heading">Ce qui est prévu</h3>
<!-- /wp:heading -->

<!-- wp:list -->
<ul class="wp-block-list"><!-- wp:list-item -->
<li>Un entretien</li>
<!-- /wp:list-item -->

<!-- wp:list-item -->
<li>Deux déclarations<!-- wp:list {"ordered":true} -->
<ol class="wp-block-list"><!-- wp:list-item -->
<li>à Moscou</li>
<!-- /wp:list-item -->

<!-- wp:list-item -->
<li>à Pyongyang</li>
<!-- /wp:list-item --></ol>
<!-- /wp:list --></li>
<!-- /wp:list-item --></ul>
<!-- /wp:list -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><!-- wp:paragraph -->
<p>Nous sommes prêts.</p>
<!-- /wp:paragraph -->

<!-- wp:paragraph -->
<p>Sans conditions.</p>
<!-- /wp:paragraph --><cite>Un diplomate</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:code -->
<pre class="wp-block-code"><code class="language-python">if ready:
    meet()</code></pre>
<!-- /wp:code -->

<!-- wp:image {"id":41,"sizeSlug":"large"} -->
<figure class="wp-block-image size-large"><img src="https://example.org/wp-content/uploads/2017/09/sommet.jpg" alt="La salle" class="wp-image-41"/><figcaption class="wp-element-caption">La salle du sommet, <a href="https://example.org/photos">voir la série</a></figcaption></figure>
<!-- /wp:image -->

<!-- wp:table -->
<figure class="wp-block-table"><table><thead><tr><th>Pays</th><th>Délégués</th></tr></thead><tbody><tr><td>Russie</td><td><strong>12</strong></td></tr></tbody></table><figcaption class="wp-element-caption">Chiffres du ministère</figcaption></figure>
<!-- /wp:table -->

<!-- wp:embed {"url":"https://www.youtube.com/watch?v=abc123","type":"video","providerNameSlug":"youtube"} -->
<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=abc123
</div><figcaption class="wp-element-caption">L'arrivée des délégations</figcaption></figure>
<!-- /wp:embed -->

<!-- wp:gallery {"linkTo":"none"} -->
<figure class="wp-block-gallery has-nested-images columns-default is-cropped"><!-- wp:image {"id":51} -->
<figure class="wp-block-image"><img src="https://example.org/wp-content/uploads/2017/09/a.jpg" alt="" class="wp-image-51"/></figure>
<!-- /wp:image -->

<!-- wp:image {"id":52} -->
<figure class="wp-block-image"><img src="https://example.org/wp-content/uploads/2017/09/b.jpg" alt="Le port" class="wp-image-52"/><figcaption class="wp-element-caption">Le port de Vladivostok</figcaption></figure>
<!-- /wp:image --></figure>
<!-- /wp:gallery -->

<!-- wp:latest-posts {"postsToShow":3} /-->`;

describe('convertContentToBlocks', () => {
  it('reads a classic post the way autop does: blank lines are paragraphs, single newlines are line breaks', async () => {
    const { blocks, lost } = convertContentToBlocks(CLASSIC_POST);
    expect(blocks).toEqual([
      p("Le sommet s'est tenu ", t('mardi', { bold: true }), ' à Vladivostok, ', t('sans', { bold: true }), ' la presse.'),
      p('Les délégations ont discuté de trois points :'),
      { type: 'list', format: 'unordered', children: [li('la sécurité,'), li('le ', t('commerce', { italic: true }), ','), li('les transports.')] },
      p("La suite est prévue à Pyongyang.\nAucune date n'a été fixée."),
      p('Voir ', a('https://example.org/dossier-coree', 'notre dossier'), ' et ', a('/archives/2017', 'les archives'), '.'),
    ]);
    expect(lost).toEqual({});
    await validateWithStrapi(blocks);
  });

  it('reads a block post block by block, counting what blocks cannot hold', async () => {
    const { blocks, lost } = convertContentToBlocks(GUTENBERG_POST);
    expect(blocks).toEqual([
      p('Le Kremlin a confirmé la rencontre, ', t('sans', { italic: true }), ' préciser la date.'),
      { type: 'heading', level: 3, children: [t('Ce qui est prévu')] },
      {
        type: 'list',
        format: 'unordered',
        children: [li('Un entretien'), li('Deux déclarations'), { type: 'list', format: 'ordered', indentLevel: 1, children: [li('à Moscou'), li('à Pyongyang')] }],
      },
      { type: 'quote', children: [t('Nous sommes prêts.\nSans conditions.\nUn diplomate')] },
      { type: 'code', language: 'python', children: [t('if ready:\n    meet()')] },
      image('https://example.org/wp-content/uploads/2017/09/sommet.jpg', 'La salle', 'La salle du sommet, voir la série', 41),
      p('Pays | Délégués'),
      p('Russie | ', t('12', { bold: true })),
      p('Chiffres du ministère'),
      p(a('https://www.youtube.com/watch?v=abc123', 'https://www.youtube.com/watch?v=abc123')),
      p("L'arrivée des délégations"),
      image('https://example.org/wp-content/uploads/2017/09/a.jpg', '', '', 51),
      image('https://example.org/wp-content/uploads/2017/09/b.jpg', 'Le port', 'Le port de Vladivostok', 52),
    ]);
    expect(lost).toEqual({ table: 1, embed: 1, 'core/latest-posts': 1 });
    await validateWithStrapi(blocks);
  });

  it('reads both forms of the [caption] shortcode, keeping only the text of a caption attribute’s markup', async () => {
    const content = [
      'Avant la photo.',
      '[caption id="attachment_12" align="alignnone" width="300"]<img src="https://example.org/wp-content/uploads/2017/09/kim.jpg" alt="Kim Jong-un" class="wp-image-12 size-medium" /> Kim Jong-un, <a href="https://example.org/agence">KCNA</a>[/caption]',
      '[caption id="attachment_7" align="alignright" width="200" caption="Sergueï Lavrov &lt;a href=&quot;https://example.org/tass&quot;&gt;(TASS)&lt;/a&gt;"]<a href="https://example.org/lavrov-grand.jpg"><img src="/wp-content/uploads/lavrov.jpg" alt="" /></a>[/caption]',
      'Après la photo.',
    ].join('\n\n');
    const { blocks, lost } = convertContentToBlocks(content);
    expect(blocks).toEqual([
      p('Avant la photo.'),
      image('https://example.org/wp-content/uploads/2017/09/kim.jpg', 'Kim Jong-un', 'Kim Jong-un, KCNA', 12),
      image('/wp-content/uploads/lavrov.jpg', '', 'Sergueï Lavrov (TASS)', 7),
      p('Après la photo.'),
    ]);
    expect(lost).toEqual({});
    await validateWithStrapi(blocks);
  });

  it('splits a paragraph around an image inside it, keeping the text on both sides', () => {
    const classic = 'Le cortège <em>arrive</em> <img src="/wp-content/uploads/cortege.jpg" alt="Le cortège" class="alignright wp-image-33" /> devant la gare.';
    expect(convertContentToBlocks(classic).blocks).toEqual([
      p('Le cortège ', t('arrive', { italic: true })),
      image('/wp-content/uploads/cortege.jpg', 'Le cortège', '', 33),
      p('devant la gare.'),
    ]);
    const block = '<!-- wp:paragraph --><p>Vu <a href="https://example.org/a.jpg"><img src="https://example.org/a.jpg" alt="" /></a>ici.</p><!-- /wp:paragraph -->';
    expect(convertContentToBlocks(block).blocks).toEqual([p('Vu'), image('https://example.org/a.jpg', '', '', null), p('ici.')]);
  });

  describe('credit lines at the end of a post stay three paragraphs with their text exactly', () => {
    const credits = [
      'Source : https://www.rt.com/news/405007-north-korea-russia-meeting/',
      'Photo: Image tirée d’une vidéo … / RT',
      'Traduction : Avic – Réseau International',
    ];

    it('in a classic post, with typographic characters written as entities', () => {
      const content = [
        'Les deux pays ont signé un accord.',
        'Source : https://www.rt.com/news/405007-north-korea-russia-meeting/',
        'Photo: Image tirée d&rsquo;une vidéo &hellip; / RT',
        'Traduction : Avic &#8211; Réseau International',
      ].join('\n\n');
      const { blocks } = convertContentToBlocks(content);
      expect(blocks).toHaveLength(4);
      expect(blocks.slice(1)).toEqual(credits.map((line) => p(line)));
    });

    it('in a block post, with the URL as a link and NBSP before the colons', () => {
      const content = [
        '<!-- wp:paragraph --><p>Les deux pays ont signé un accord.</p><!-- /wp:paragraph -->',
        '<!-- wp:paragraph --><p>Source&nbsp;: <a href="https://www.rt.com/news/405007-north-korea-russia-meeting/">https://www.rt.com/news/405007-north-korea-russia-meeting/</a></p><!-- /wp:paragraph -->',
        '<!-- wp:paragraph --><p>Photo: Image tirée d’une vidéo … / RT</p><!-- /wp:paragraph -->',
        '<!-- wp:paragraph --><p>Traduction&nbsp;: Avic – Réseau International</p><!-- /wp:paragraph -->',
      ].join('\n\n');
      const { blocks } = convertContentToBlocks(content);
      const url = 'https://www.rt.com/news/405007-north-korea-russia-meeting/';
      expect(blocks.slice(1)).toEqual([p('Source\u00a0: ', a(url, url)), p(credits[1]), p('Traduction\u00a0: Avic – Réseau International')]);
    });
  });

  it('never throws on broken markup, and keeps its text', async () => {
    const broken = [
      '<p>Un paragraphe <strong>jamais fermé',
      '</p></p>Un texte après des fermetures orphelines</div>',
      '<ul><li><p>Premier</p><p>point</p><li>Second <em>point</ul>',
      '<p>Un <a href="javascript:alert(1)">lien piégé</a> et <a href="#notes">une ancre</a>.',
      '<table><tr><td>a<td>b</table>',
      '<h2>Titre <img src=""> sans image</h2>',
      '<!-- un commentaire jamais fermé',
    ].join('\n');
    const run = () => convertContentToBlocks(broken);
    expect(run).not.toThrow();
    const { blocks, lost } = run();
    const text = readBlocks(blocks).join(' ');
    for (const words of ['Un paragraphe', 'jamais fermé', 'Un texte après des fermetures orphelines', 'Premier', 'point', 'Second', 'lien piégé', 'une ancre', 'a | b', 'Titre', 'sans image']) {
      expect(text).toContain(words);
    }
    expect(blocks).toContainEqual({ type: 'list', format: 'unordered', children: [li('Premier\npoint'), li('Second ', t('point', { italic: true }))] });
    expect(lost).toMatchObject({ link: 2, table: 1, image: 1 });
    await validateWithStrapi(blocks);
  });

  it('drops scripts and styles, never passing them through, and counts them', () => {
    const { blocks, lost } = convertContentToBlocks('Avant<script>alert("x")</script> après.\n\n<style>p { color: red }</style>Fin.');
    expect(blocks).toEqual([p('Avant après.'), p('Fin.')]);
    expect(lost).toEqual({ script: 2 });
  });

  it('counts shortcodes it cannot render and keeps their inner text; prose in brackets stays', () => {
    const { blocks, lost } = convertContentToBlocks('[sic] Le texte [highlight color="yellow"]important[/highlight] suit.\n\n[contact-form-7 id="12" title="Contact"]');
    expect(blocks).toEqual([p('[sic] Le texte important suit.')]);
    expect(lost).toEqual({ 'shortcode:highlight': 1, 'shortcode:contact-form-7': 1 });
  });

  it('turns embeds and galleries into what blocks can hold, and counts them', () => {
    const content = 'Regardez :\n\nhttps://www.youtube.com/watch?v=xyz\n\n[embed]https://vimeo.com/123[/embed]\n\n[gallery ids="5,6"]\n\n[gallery]';
    const resolveAttachment = (id: number) => (id === 5 ? { src: 'https://example.org/5.jpg', alt: 'Cinq', caption: 'La cinquième' } : null);
    const { blocks, lost } = convertContentToBlocks(content, { resolveAttachment });
    expect(blocks).toEqual([
      p('Regardez :'),
      p(a('https://www.youtube.com/watch?v=xyz', 'https://www.youtube.com/watch?v=xyz')),
      p(a('https://vimeo.com/123', 'https://vimeo.com/123')),
      image('https://example.org/5.jpg', 'Cinq', 'La cinquième', 5),
    ]);
    expect(lost).toEqual({ embed: 2, gallery: 2 });
  });

  it('gives nothing for empty content', () => {
    expect(convertContentToBlocks('')).toEqual({ blocks: [], lost: {} });
    expect(convertContentToBlocks('  \n\n ')).toEqual({ blocks: [], lost: {} });
    expect(convertContentToBlocks(undefined as unknown as string)).toEqual({ blocks: [], lost: {} });
  });

  describe('keeps every word of generated posts (property)', () => {
    const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
    const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ENTITIES[c]);
    // Words hold letters, accents, punctuation and characters HTML must escape.
    const word = fc.stringMatching(/^[A-Za-zÀ-ÿ0-9'’&<>".,;:!?«»–-]{1,10}$/);
    interface Html {
      html: string;
      text: string;
    }
    const plainWords: fc.Arbitrary<Html> = fc.array(word, { minLength: 1, maxLength: 5 }).map((words) => ({ html: words.map(escape).join(' '), text: words.join(' ') }));
    const inline: fc.Arbitrary<Html> = fc.letrec<{ run: Html }>((tie) => ({
      run: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        plainWords,
        fc.tuple(fc.constantFrom('strong', 'b', 'em', 'i', 'u', 's', 'del', 'code'), tie('run')).map(([tag, inner]) => ({ html: `<${tag}>${inner.html}</${tag}>`, text: inner.text })),
        fc.tuple(fc.constantFrom('https://example.org/a', '/archives', 'mailto:r@example.org'), tie('run')).map(([href, inner]) => ({ html: `<a href="${href}">${inner.html}</a>`, text: inner.text })),
        fc.tuple(tie('run'), tie('run'), fc.constantFrom(' ', '\n', ' <br /> ', '  ')).map(([x, y, gap]) => ({ html: x.html + gap + y.html, text: `${x.text} ${y.text}` })),
      ),
    })).run;
    const paragraph = inline.map((run) => ({ html: `<p>${run.html}</p>`, text: run.text }));
    const list: fc.Arbitrary<Html> = fc.letrec<{ list: Html }>((tie) => ({
      list: fc
        .tuple(
          fc.constantFrom('ul', 'ol'),
          fc.array(fc.tuple(inline, fc.option(tie('list'), { freq: 4, depthSize: 'small' })), { minLength: 1, maxLength: 3 }),
        )
        .map(([tag, items]) => ({
          html: `<${tag}>${items.map(([run, nested]) => `<li>${run.html}${nested?.html ?? ''}</li>`).join('')}</${tag}>`,
          text: items.map(([run, nested]) => `${run.text} ${nested?.text ?? ''}`).join(' '),
        })),
    })).list;
    const post = fc.array(fc.oneof(paragraph, list), { minLength: 1, maxLength: 6 });
    const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

    it('as HTML with paragraphs, and as blocks of a block post', async () => {
      await fc.assert(
        fc.asyncProperty(post, fc.boolean(), async (parts, asBlocks) => {
          const content = asBlocks ? parts.map((part) => `<!-- wp:html -->\n${part.html}\n<!-- /wp:html -->`).join('\n\n') : parts.map((part) => part.html).join('\n');
          const { blocks, lost } = convertContentToBlocks(content);
          expect(normalize(readBlocks(blocks).join(' '))).toBe(normalize(parts.map((part) => part.text).join(' ')));
          expect(lost).toEqual({});
          await validateWithStrapi(blocks);
        }),
        { numRuns: 200 },
      );
    });

    it('as classic text, paragraphs separated by blank lines', () => {
      const classic = fc.array(inline, { minLength: 1, maxLength: 5 });
      fc.assert(
        fc.property(classic, (runs) => {
          const { blocks } = convertContentToBlocks(runs.map((run) => run.html).join('\n\n'));
          expect(normalize(readBlocks(blocks).join(' '))).toBe(normalize(runs.map((run) => run.text).join(' ')));
          expect(blocks.every((block) => block.type === 'paragraph')).toBe(true);
        }),
        { numRuns: 200 },
      );
    });
  });
});
