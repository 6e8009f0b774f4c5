import { readWxr, WxrSyntaxError } from '../../../src/core/wordpress/readWxr';
import type { WxrCategory, WxrComment, WxrItem, WxrRecord, WxrTerm } from '../../../src/core/wordpress/types';

// Small exports written for these tests, shaped as WordPress's export.php writes each version.

interface ExportOptions {
  version?: '1.0' | '1.1' | '1.2';
  scheme?: 'http' | 'https';
  header?: string;
  body?: string;
  declaration?: string;
}

function wxr({ version = '1.2', scheme = 'http', header, body = '', declaration }: ExportOptions = {}): string {
  const wp = `${scheme}://wordpress.org/export/${version}/`;
  return (
    `${declaration ?? '<?xml version="1.0" encoding="UTF-8" ?>'}\n` +
    `<rss version="2.0"\n` +
    `\txmlns:excerpt="${wp}excerpt/"\n` +
    `\txmlns:content="${scheme}://purl.org/rss/1.0/modules/content/"\n` +
    `\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n` +
    `\txmlns:dc="${scheme}://purl.org/dc/elements/1.1/"\n` +
    `\txmlns:wp="${wp}"\n>\n` +
    `<channel>\n` +
    (header ??
      `\t<title>Le Quotidien du Port</title>\n` +
        `\t<link>https://quotidien.example</link>\n` +
        `\t<language>fr-FR</language>\n` +
        `\t<wp:wxr_version>${version}</wp:wxr_version>\n` +
        (version === '1.0'
          ? ''
          : `\t<wp:base_site_url>https://quotidien.example</wp:base_site_url>\n` +
            `\t<wp:base_blog_url>https://quotidien.example/blog</wp:base_blog_url>\n`)) +
    body +
    `</channel>\n</rss>\n`
  );
}

function item(fields: string): string {
  return `\t<item>\n${fields}\t</item>\n`;
}

async function* chunksOf(input: string | Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

async function readAll(input: string | Uint8Array, size?: number): Promise<WxrRecord[]> {
  const records: WxrRecord[] = [];
  for await (const record of readWxr(chunksOf(input, size))) records.push(record);
  return records;
}

async function readUntilError(input: string | Uint8Array, size?: number): Promise<{ records: WxrRecord[]; error: WxrSyntaxError }> {
  const records: WxrRecord[] = [];
  try {
    for await (const record of readWxr(chunksOf(input, size))) records.push(record);
  } catch (error) {
    if (error instanceof WxrSyntaxError) return { records, error };
    throw error;
  }
  throw new Error(`expected a WxrSyntaxError, read ${records.length} records`);
}

/** 1-based line and column of the character at `index`. */
function positionOf(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

const items = (records: WxrRecord[]) => records.filter((record): record is WxrItem => record.kind === 'item');

const POST_1_2 = item(
  `\t\t<title><![CDATA[Le port rouvre]]></title>\n` +
    `\t\t<link>https://quotidien.example/2017/09/le-port-rouvre/</link>\n` +
    `\t\t<pubDate>Fri, 29 Sep 2017 14:05:00 +0000</pubDate>\n` +
    `\t\t<dc:creator><![CDATA[mlefevre]]></dc:creator>\n` +
    `\t\t<guid isPermaLink="false">https://quotidien.example/?p=42</guid>\n` +
    `\t\t<description></description>\n` +
    `\t\t<content:encoded><![CDATA[<p>Après trois mois de travaux, le port rouvre.</p>]]></content:encoded>\n` +
    `\t\t<excerpt:encoded><![CDATA[Trois mois de travaux.]]></excerpt:encoded>\n` +
    `\t\t<wp:post_id>42</wp:post_id>\n` +
    `\t\t<wp:post_date><![CDATA[2017-09-29 16:05:00]]></wp:post_date>\n` +
    `\t\t<wp:post_date_gmt><![CDATA[2017-09-29 14:05:00]]></wp:post_date_gmt>\n` +
    `\t\t<wp:post_modified><![CDATA[2017-10-02 09:00:00]]></wp:post_modified>\n` +
    `\t\t<wp:post_modified_gmt><![CDATA[2017-10-02 07:00:00]]></wp:post_modified_gmt>\n` +
    `\t\t<wp:comment_status><![CDATA[open]]></wp:comment_status>\n` +
    `\t\t<wp:ping_status><![CDATA[open]]></wp:ping_status>\n` +
    `\t\t<wp:post_name><![CDATA[le-port-rouvre]]></wp:post_name>\n` +
    `\t\t<wp:status><![CDATA[publish]]></wp:status>\n` +
    `\t\t<wp:post_parent>0</wp:post_parent>\n` +
    `\t\t<wp:menu_order>0</wp:menu_order>\n` +
    `\t\t<wp:post_type><![CDATA[post]]></wp:post_type>\n` +
    `\t\t<wp:post_password><![CDATA[]]></wp:post_password>\n` +
    `\t\t<wp:is_sticky>0</wp:is_sticky>\n` +
    `\t\t<category domain="category" nicename="ports"><![CDATA[Ports]]></category>\n` +
    `\t\t<category domain="post_tag" nicename="travaux"><![CDATA[Travaux]]></category>\n` +
    `\t\t<wp:postmeta>\n\t\t\t<wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key>\n\t\t\t<wp:meta_value><![CDATA[57]]></wp:meta_value>\n\t\t</wp:postmeta>\n` +
    `\t\t<wp:postmeta>\n\t\t\t<wp:meta_key><![CDATA[_edit_last]]></wp:meta_key>\n\t\t\t<wp:meta_value><![CDATA[1]]></wp:meta_value>\n\t\t</wp:postmeta>\n` +
    comment({ id: 7, author: 'Anne', approved: '1', type: '', parent: 0, userId: 0, content: 'Enfin !' }) +
    comment({ id: 8, author: 'mlefevre', approved: '1', type: 'comment', parent: 7, userId: 3, content: 'Oui, ce matin.' }) +
    comment({ id: 9, author: 'Le Blog du Quai', approved: '1', type: 'pingback', parent: 0, userId: 0, content: '[…] le port rouvre […]' }) +
    comment({ id: 10, author: 'Gazette', approved: '0', type: 'trackback', parent: 0, userId: 0, content: 'Nous en parlions.' }) +
    comment({ id: 11, author: 'casino', approved: 'spam', type: '', parent: 0, userId: 0, content: 'Gagnez' }) +
    comment({ id: 12, author: 'Paul', approved: 'trash', type: 'comment', parent: 8, userId: 0, content: 'Hors sujet' }),
);

function comment(c: { id: number; author: string; approved: string; type: string; parent: number; userId: number; content: string }): string {
  return (
    `\t\t<wp:comment>\n` +
    `\t\t\t<wp:comment_id>${c.id}</wp:comment_id>\n` +
    `\t\t\t<wp:comment_author><![CDATA[${c.author}]]></wp:comment_author>\n` +
    `\t\t\t<wp:comment_author_email><![CDATA[${c.author.toLowerCase()}@mail.example]]></wp:comment_author_email>\n` +
    `\t\t\t<wp:comment_author_url>https://${c.author.toLowerCase().replace(/\W/g, '')}.example</wp:comment_author_url>\n` +
    `\t\t\t<wp:comment_author_IP><![CDATA[192.0.2.${c.id}]]></wp:comment_author_IP>\n` +
    `\t\t\t<wp:comment_date><![CDATA[2017-09-29 18:0${c.id % 10}:00]]></wp:comment_date>\n` +
    `\t\t\t<wp:comment_date_gmt><![CDATA[2017-09-29 16:0${c.id % 10}:00]]></wp:comment_date_gmt>\n` +
    `\t\t\t<wp:comment_content><![CDATA[${c.content}]]></wp:comment_content>\n` +
    `\t\t\t<wp:comment_approved><![CDATA[${c.approved}]]></wp:comment_approved>\n` +
    `\t\t\t<wp:comment_type><![CDATA[${c.type}]]></wp:comment_type>\n` +
    `\t\t\t<wp:comment_parent>${c.parent}</wp:comment_parent>\n` +
    `\t\t\t<wp:comment_user_id>${c.userId}</wp:comment_user_id>\n` +
    `\t\t\t<wp:commentmeta>\n\t\t\t\t<wp:meta_key><![CDATA[akismet_result]]></wp:meta_key>\n\t\t\t\t<wp:meta_value><![CDATA[false]]></wp:meta_value>\n\t\t\t</wp:commentmeta>\n` +
    `\t\t</wp:comment>\n`
  );
}

const TAXONOMIES_1_2 =
  // The child comes before its parent: the reader keeps file order, the import resolves parents.
  `\t<wp:category>\n\t\t<wp:term_id>5</wp:term_id>\n\t\t<wp:category_nicename><![CDATA[ports-bretons]]></wp:category_nicename>\n` +
  `\t\t<wp:category_parent><![CDATA[ports]]></wp:category_parent>\n\t\t<wp:cat_name><![CDATA[Ports bretons]]></wp:cat_name>\n` +
  `\t\t<wp:category_description><![CDATA[Brest, Lorient, Roscoff]]></wp:category_description>\n` +
  `\t\t<wp:termmeta>\n\t\t\t<wp:meta_key><![CDATA[colour]]></wp:meta_key>\n\t\t\t<wp:meta_value><![CDATA[blue]]></wp:meta_value>\n\t\t</wp:termmeta>\n\t</wp:category>\n` +
  `\t<wp:category>\n\t\t<wp:term_id>4</wp:term_id>\n\t\t<wp:category_nicename><![CDATA[ports]]></wp:category_nicename>\n` +
  `\t\t<wp:category_parent><![CDATA[]]></wp:category_parent>\n\t\t<wp:cat_name><![CDATA[Ports]]></wp:cat_name>\n\t</wp:category>\n` +
  `\t<wp:tag>\n\t\t<wp:term_id>9</wp:term_id>\n\t\t<wp:tag_slug><![CDATA[travaux]]></wp:tag_slug>\n\t\t<wp:tag_name><![CDATA[Travaux]]></wp:tag_name>\n\t</wp:tag>\n` +
  `\t<wp:term>\n\t\t<wp:term_id><![CDATA[12]]></wp:term_id>\n\t\t<wp:term_taxonomy><![CDATA[nav_menu]]></wp:term_taxonomy>\n` +
  `\t\t<wp:term_slug><![CDATA[menu-principal]]></wp:term_slug>\n\t\t<wp:term_parent><![CDATA[]]></wp:term_parent>\n` +
  `\t\t<wp:term_name><![CDATA[Menu principal]]></wp:term_name>\n\t</wp:term>\n`;

describe('readWxr', () => {
  describe('a WXR 1.2 export', () => {
    let records: WxrRecord[];
    beforeAll(async () => {
      records = await readAll(wxr({ body: TAXONOMIES_1_2 + POST_1_2 }));
    });

    it('yields the site first, then categories, tags, terms and items in file order', () => {
      expect(records.map((record) => record.kind)).toEqual(['site', 'category', 'category', 'tag', 'term', 'item']);
      expect(records[0]).toEqual({
        kind: 'site',
        site: {
          wxrVersion: '1.2',
          title: 'Le Quotidien du Port',
          link: 'https://quotidien.example',
          baseSiteUrl: 'https://quotidien.example',
          baseBlogUrl: 'https://quotidien.example/blog',
          language: 'fr-FR',
        },
      });
    });

    it('reads a category whose parent comes after it as written, and ignores its term meta', () => {
      expect(records[1]).toEqual<WxrCategory>({
        kind: 'category',
        termId: 5,
        nicename: 'ports-bretons',
        parent: 'ports',
        name: 'Ports bretons',
        description: 'Brest, Lorient, Roscoff',
      });
      expect(records[2]).toEqual<WxrCategory>({ kind: 'category', termId: 4, nicename: 'ports', parent: '', name: 'Ports', description: '' });
    });

    it('reads tags and custom terms', () => {
      expect(records[3]).toEqual<WxrTerm>({ kind: 'tag', termId: 9, taxonomy: 'post_tag', slug: 'travaux', name: 'Travaux' });
      expect(records[4]).toEqual<WxrTerm>({ kind: 'term', termId: 12, taxonomy: 'nav_menu', slug: 'menu-principal', name: 'Menu principal' });
    });

    it("reads an item's fields, terms and meta", () => {
      const [post] = items(records);
      expect({ ...post, comments: [] }).toEqual<WxrItem>({
        kind: 'item',
        postId: 42,
        postType: 'post',
        status: 'publish',
        title: 'Le port rouvre',
        link: 'https://quotidien.example/2017/09/le-port-rouvre/',
        guid: 'https://quotidien.example/?p=42',
        postName: 'le-port-rouvre',
        content: '<p>Après trois mois de travaux, le port rouvre.</p>',
        excerpt: 'Trois mois de travaux.',
        postDateGmt: '2017-09-29 14:05:00',
        postDate: '2017-09-29 16:05:00',
        postModifiedGmt: '2017-10-02 07:00:00',
        postParent: 0,
        postPassword: '',
        commentStatus: 'open',
        attachmentUrl: '',
        creator: 'mlefevre',
        terms: [
          { domain: 'category', nicename: 'ports', name: 'Ports' },
          { domain: 'post_tag', nicename: 'travaux', name: 'Travaux' },
        ],
        meta: [
          { key: '_thumbnail_id', value: '57' },
          { key: '_edit_last', value: '1' },
        ],
        comments: [],
      });
    });

    it('reads comments of every kind and status, without their comment meta', () => {
      const [post] = items(records);
      expect(post.comments.map((c) => [c.commentId, c.type, c.approved, c.parent, c.userId])).toEqual([
        [7, '', '1', 0, 0],
        [8, 'comment', '1', 7, 3],
        [9, 'pingback', '1', 0, 0],
        [10, 'trackback', '0', 0, 0],
        [11, '', 'spam', 0, 0],
        [12, 'comment', 'trash', 8, 0],
      ]);
      expect(post.comments[0]).toEqual<WxrComment>({
        commentId: 7,
        author: 'Anne',
        authorEmail: 'anne@mail.example',
        authorUrl: 'https://anne.example',
        authorIp: '192.0.2.7',
        dateGmt: '2017-09-29 16:07:00',
        date: '2017-09-29 18:07:00',
        content: 'Enfin !',
        approved: '1',
        type: '',
        parent: 0,
        userId: 0,
      });
      expect(post.comments[2].content).toBe('[…] le port rouvre […]');
    });
  });

  it('yields the site alone for an export with nothing in it', async () => {
    expect(await readAll(wxr())).toEqual([{ kind: 'site', site: expect.objectContaining({ title: 'Le Quotidien du Port' }) }]);
  });

  it('reads an attachment and a page', async () => {
    const records = await readAll(
      wxr({
        body:
          item(
            `<title>quai</title><wp:post_id>57</wp:post_id><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>` +
              `<wp:post_parent>42</wp:post_parent><wp:attachment_url>https://quotidien.example/wp-content/uploads/2017/09/quai.jpg</wp:attachment_url>\n`,
          ) +
          item(`<title>À propos</title><wp:post_id>2</wp:post_id><wp:post_type>page</wp:post_type><wp:comment_status>closed</wp:comment_status><wp:post_password>secret</wp:post_password>\n`),
      }),
    );
    const [attachment, page] = items(records);
    expect([attachment.postId, attachment.postType, attachment.status, attachment.postParent, attachment.attachmentUrl]).toEqual([
      57,
      'attachment',
      'inherit',
      42,
      'https://quotidien.example/wp-content/uploads/2017/09/quai.jpg',
    ]);
    expect([page.title, page.postType, page.postPassword, page.commentStatus, page.postDateGmt, page.postModifiedGmt]).toEqual([
      'À propos',
      'page',
      'secret',
      'closed',
      '',
      '',
    ]);
  });

  it('reads WXR 1.0: no term ids, no base URLs, no comment user ids, categories without a domain', async () => {
    const records = await readAll(
      wxr({
        version: '1.0',
        body:
          `\t<wp:category><wp:category_nicename>ports</wp:category_nicename><wp:category_parent></wp:category_parent>` +
          `<wp:cat_name><![CDATA[Ports]]></wp:cat_name></wp:category>\n` +
          `\t<wp:tag><wp:tag_slug>travaux</wp:tag_slug><wp:tag_name><![CDATA[Travaux]]></wp:tag_name></wp:tag>\n` +
          item(
            `\t\t<title>Vieux billet</title>\n\t\t<link>http://quotidien.example/?p=3</link>\n\t\t<dc:creator>admin</dc:creator>\n` +
              `\t\t<category><![CDATA[Ports]]></category>\n\t\t<category domain="category" nicename="ports"><![CDATA[Ports]]></category>\n` +
              `\t\t<guid isPermaLink="false">http://quotidien.example/?p=3</guid>\n\t\t<content:encoded><![CDATA[Texte]]></content:encoded>\n` +
              `\t\t<excerpt:encoded><![CDATA[]]></excerpt:encoded>\n` +
              `\t\t<wp:post_id>3</wp:post_id>\n\t\t<wp:post_date>2008-03-01 10:00:00</wp:post_date>\n\t\t<wp:post_date_gmt>2008-03-01 09:00:00</wp:post_date_gmt>\n` +
              `\t\t<wp:post_name>vieux-billet</wp:post_name>\n\t\t<wp:status>publish</wp:status>\n\t\t<wp:post_parent>0</wp:post_parent>\n` +
              `\t\t<wp:post_type>post</wp:post_type>\n` +
              `\t\t<wp:comment>\n\t\t\t<wp:comment_id>1</wp:comment_id>\n\t\t\t<wp:comment_author><![CDATA[Jean]]></wp:comment_author>\n` +
              `\t\t\t<wp:comment_date>2008-03-01 11:00:00</wp:comment_date>\n\t\t\t<wp:comment_date_gmt>2008-03-01 10:00:00</wp:comment_date_gmt>\n` +
              `\t\t\t<wp:comment_content><![CDATA[Bravo]]></wp:comment_content>\n\t\t\t<wp:comment_approved>1</wp:comment_approved>\n` +
              `\t\t\t<wp:comment_type></wp:comment_type>\n\t\t\t<wp:comment_parent>0</wp:comment_parent>\n\t\t</wp:comment>\n`,
          ),
      }),
    );
    expect(records[0]).toEqual({
      kind: 'site',
      site: { wxrVersion: '1.0', title: 'Le Quotidien du Port', link: 'https://quotidien.example', baseSiteUrl: null, baseBlogUrl: null, language: 'fr-FR' },
    });
    expect(records[1]).toEqual({ kind: 'category', termId: 0, nicename: 'ports', parent: '', name: 'Ports', description: '' });
    expect(records[2]).toEqual({ kind: 'tag', termId: 0, taxonomy: 'post_tag', slug: 'travaux', name: 'Travaux' });
    const [post] = items(records);
    expect(post.terms).toEqual([
      { domain: '', nicename: '', name: 'Ports' },
      { domain: 'category', nicename: 'ports', name: 'Ports' },
    ]);
    expect([post.postId, post.postDateGmt, post.postModifiedGmt, post.attachmentUrl, post.postPassword]).toEqual([3, '2008-03-01 09:00:00', '', '', '']);
    expect(post.comments).toEqual([
      {
        commentId: 1,
        author: 'Jean',
        authorEmail: '',
        authorUrl: '',
        authorIp: '',
        dateGmt: '2008-03-01 10:00:00',
        date: '2008-03-01 11:00:00',
        content: 'Bravo',
        approved: '1',
        type: '',
        parent: 0,
        userId: 0,
      },
    ]);
  });

  it('reads WXR 1.1', async () => {
    const records = await readAll(wxr({ version: '1.1', body: TAXONOMIES_1_2 + POST_1_2 }));
    expect(records[0]).toMatchObject({ site: { wxrVersion: '1.1', baseSiteUrl: 'https://quotidien.example' } });
    expect(records[1]).toMatchObject({ kind: 'category', termId: 5 });
    expect(items(records)[0]).toMatchObject({ postId: 42, excerpt: 'Trois mois de travaux.', creator: 'mlefevre' });
    expect(items(records)[0].comments).toHaveLength(6);
  });

  it('reads the same records when the namespaces use https', async () => {
    const overHttp = await readAll(wxr({ body: TAXONOMIES_1_2 + POST_1_2 }));
    const overHttps = await readAll(wxr({ scheme: 'https', body: TAXONOMIES_1_2 + POST_1_2 }));
    expect(overHttps).toEqual(overHttp);
    expect(items(overHttps)[0].content).toContain('le port rouvre');
  });

  it('recognises elements by namespace URI, whatever their prefix', async () => {
    const text =
      `<rss xmlns:export="http://wordpress.org/export/1.2/" xmlns:c="http://purl.org/rss/1.0/modules/content/" xmlns:wp="urn:something-else">` +
      `<channel><export:wxr_version>1.2</export:wxr_version>` +
      `<item><export:post_id>5</export:post_id><wp:post_id>999</wp:post_id>` +
      `<post_type xmlns="http://wordpress.org/export/1.2/">page</post_type><c:encoded>Corps</c:encoded></item></channel></rss>`;
    const [site, post] = await readAll(text);
    expect(site).toMatchObject({ site: { wxrVersion: '1.2' } });
    expect(post).toMatchObject({ postId: 5, postType: 'page', content: 'Corps' });
  });

  it('ignores elements it does not know, even those named like JavaScript built-ins', async () => {
    const records = await readAll(
      wxr({ body: `<constructor>x</constructor><toString/>` + item(`<__proto__>y</__proto__><hasOwnProperty>z</hasOwnProperty><wp:post_id>8</wp:post_id>`) }),
    );
    expect(records.map((record) => record.kind)).toEqual(['site', 'item']);
    expect(items(records)[0]).toMatchObject({ postId: 8, title: '' });
  });

  it('reads WordPress prefixes a plugin forgot to declare, and ignores other undeclared prefixes', async () => {
    const text = wxr({ body: item(`<atom:link rel="search" href="x"/><wp:post_id>6</wp:post_id><content:encoded>ok</content:encoded>`) })
      .replace(/\txmlns:wp="[^"]*"\n/, '')
      .replace(/\txmlns:content="[^"]*"\n/, '');
    expect(items(await readAll(text))[0]).toMatchObject({ postId: 6, content: 'ok' });
  });

  it('joins CDATA sections, text and entities of one element', async () => {
    const [post] = items(
      await readAll(
        wxr({
          body: item(
            // How export.php writes "]]>" inside content: it ends the section and opens another.
            `<content:encoded><![CDATA[<pre>a[1]]]]><![CDATA[></pre>]]></content:encoded>\n` +
              `<title>Fish &amp; <![CDATA[<Chips>]]> &#233;t&#xE9; &lt;3</title>\n`,
          ),
        }),
      ),
    );
    expect(post.content).toBe('<pre>a[1]]></pre>');
    expect(post.title).toBe('Fish & <Chips> été <3');
  });

  it('keeps whitespace as written', async () => {
    const [post] = items(await readAll(wxr({ body: item(`<title>  Deux espaces  </title><content:encoded>\n&lt;p&gt;x&lt;/p&gt;\n</content:encoded>`) })));
    expect(post.title).toBe('  Deux espaces  ');
    expect(post.content).toBe('\n<p>x</p>\n');
  });

  it('removes the control characters XML forbids instead of failing', async () => {
    const text = wxr({
      body: item(`<title>Bell\u0007 and\u0008 form\u000Cfeed</title><content:encoded><![CDATA[a\u0000b\u000Bc\u001Fd\uFFFEe\uFFFFf\tg]]></content:encoded>`),
    });
    const [post] = items(await readAll(text));
    expect(post.title).toBe('Bell and formfeed');
    expect(post.content).toBe('abcdef\tg');
  });

  it('decodes a multi-byte character split across chunks, one byte at a time', async () => {
    const title = 'Café 港 € 𝄞 — ½';
    const text = `\uFEFF${wxr({ body: item(`<title>${title}</title><content:encoded><![CDATA[${title}]]></content:encoded>`) })}`;
    const [post] = items(await readAll(text, 1));
    expect(post.title).toBe(title);
    expect(post.content).toBe(title);
  });

  it('reads string chunks as they are', async () => {
    const text = wxr({ body: item(`<title>Été</title>`) });
    async function* strings() {
      for (let offset = 0; offset < text.length; offset += 7) yield text.slice(offset, offset + 7);
    }
    const records: WxrRecord[] = [];
    for await (const record of readWxr(strings())) records.push(record);
    expect(items(records)[0].title).toBe('Été');
  });

  it('honours an ISO-8859-1 declaration', async () => {
    const text = wxr({ declaration: '<?xml version="1.0" encoding="ISO-8859-1"?>', body: item('<title>Caf\u00e9 \u00e0 l\u2019heure</title>') });
    // windows-1252 has ’ (0x92) where ISO-8859-1 has a C1 control: exports labelled ISO-8859-1 use it.
    const bytes = Buffer.from(text.replace('\u2019', '\u0092'), 'latin1');
    const [post] = items(await readAll(bytes, 5));
    expect(post.title).toBe('Café à l’heure');
  });

  it('lets a UTF-8 byte order mark win over the declaration, as XML 1.0 Appendix F says', async () => {
    const text = wxr({ declaration: '<?xml version="1.0" encoding="ISO-8859-1"?>', body: item('<title>Café</title>') });
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    expect(items(await readAll(bytes, 2))[0].title).toBe('Café');
  });

  it('refuses UTF-16', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(wxr(), 'utf16le')]);
    const { error } = await readUntilError(bytes);
    expect(error.reason).toMatch(/UTF-16/);
  });

  it('refuses an encoding it does not decode, saying which', async () => {
    const text = wxr({ declaration: '<?xml version="1.0" encoding="Shift_JIS"?>', body: item('<title>x</title>') });
    const { records, error } = await readUntilError(text);
    expect(records).toEqual([]);
    expect(error.message).toMatch(/unsupported encoding "Shift_JIS"/);
    expect([error.line, error.column, error.recordsBefore]).toEqual([1, 31, 0]);
  });

  it('skips blank lines a plugin printed before the XML declaration, and counts them in error lines', async () => {
    const text = `\n\n  ${wxr({ body: item('<title>ok</title>') })}`;
    expect(items(await readAll(text))[0].title).toBe('ok');
    const broken = `\n\n${wxr({ body: item('<title>a &nbsp; b</title>') })}`;
    const { error } = await readUntilError(broken);
    expect({ line: error.line, column: error.column }).toEqual(positionOf(broken, broken.indexOf('&nbsp;') + 5));
  });

  describe('malformed exports', () => {
    it('reports an undefined entity with its line, column and the records read before it', async () => {
      const text = wxr({
        body: TAXONOMIES_1_2 + POST_1_2 + item(`\t\t<title>Un &nbsp; de trop</title>\n\t\t<wp:post_id>43</wp:post_id>\n`),
      });
      const { records, error } = await readUntilError(text);
      expect(records.map((record) => record.kind)).toEqual(['site', 'category', 'category', 'tag', 'term', 'item']);
      expect(error).toBeInstanceOf(WxrSyntaxError);
      expect(error.recordsBefore).toBe(6);
      const semicolon = positionOf(text, text.indexOf('&nbsp;') + 5);
      expect({ line: error.line, column: error.column }).toEqual(semicolon);
      expect(semicolon.column).toBe(18);
      expect(error.message).toBe(`line ${semicolon.line}, column 18: undefined entity. (6 records read before)`);
    });

    it('reports the same position and count whatever the chunk size', async () => {
      const text = wxr({ body: POST_1_2 + POST_1_2 + item('<title>x</titel>') });
      const whole = await readUntilError(text);
      const bytewise = await readUntilError(text, 3);
      expect(whole.error.reason).toMatch(/unexpected close tag/);
      expect([bytewise.error.line, bytewise.error.column, bytewise.error.recordsBefore]).toEqual([
        whole.error.line,
        whole.error.column,
        whole.error.recordsBefore,
      ]);
      expect(bytewise.records).toHaveLength(3);
    });

    it('reports text after the root element', async () => {
      const text = `${wxr({ body: POST_1_2 })}trailing`;
      const { records, error } = await readUntilError(text);
      expect(records).toHaveLength(2);
      expect(error.reason).toMatch(/text data outside of root node/);
      expect(error.line).toBe(text.split('\n').length);
    });

    it('reports a truncated file instead of dropping the item it ends in', async () => {
      const text = wxr({ body: POST_1_2 + POST_1_2.replace('<wp:post_id>42', '<wp:post_id>43') });
      const cut = text.slice(0, text.lastIndexOf('<wp:comment_content>') + 30);
      const { records, error } = await readUntilError(cut);
      expect(items(records).map((post) => post.postId)).toEqual([42]);
      expect(error.recordsBefore).toBe(2);
      expect(error.message).toMatch(/ends inside <wp:comment_content> \(in the item with wp:post_id 43\): the export is truncated/);
      expect({ line: error.line, column: error.column }).toEqual(positionOf(cut, cut.length - 1));
    });

    it('reports an empty input', async () => {
      const { error } = await readUntilError('');
      expect(error.reason).toMatch(/export is empty/);
    });

    it('refuses a document that is not a WordPress export', async () => {
      const atom = await readUntilError('<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>');
      expect(atom.error.reason).toMatch(/root element is <feed>/);
      expect([atom.error.line, atom.error.recordsBefore]).toEqual([2, 0]);
      const rss = await readUntilError('<rss version="2.0"><channel><title>Un flux</title><item><title>x</title></item></channel></rss>');
      expect(rss.records).toEqual([]);
      expect(rss.error.reason).toMatch(/not a WordPress export/);
    });

    it('refuses an id that is not a whole number', async () => {
      const { error } = await readUntilError(wxr({ body: item('<wp:post_id>12a</wp:post_id>') }));
      expect(error.reason).toBe('<wp:post_id> is not a whole number: "12a".');
    });
  });

  it('reports the bytes read so far', async () => {
    const text = wxr({ body: POST_1_2 });
    const totals: number[] = [];
    for await (const record of readWxr(chunksOf(text, 1000), { onBytes: (total) => totals.push(total) })) void record;
    expect(totals[totals.length - 1]).toBe(Buffer.byteLength(text));
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    expect(totals.length).toBe(Math.ceil(Buffer.byteLength(text) / 1000));
  });

  it('does not read ahead while the consumer is busy', async () => {
    const text = wxr({ body: POST_1_2.repeat(50) });
    let pulled = 0;
    async function* counted() {
      for await (const chunk of chunksOf(text, 512)) {
        pulled++;
        yield chunk;
      }
    }
    const reader = readWxr(counted());
    await reader.next(); // the site
    await reader.next(); // the first item
    const pulledForOneItem = pulled;
    expect(pulledForOneItem).toBeLessThan(Math.ceil(POST_1_2.length / 512) + 5);
    await reader.return(undefined);
    expect(pulled).toBe(pulledForOneItem);
  });

  it('reads a 50 MB export in constant memory', async () => {
    const itemCount = 20_000;
    const paragraph = `<p>${'Le port de commerce rouvre après trois mois de travaux sur les quais. '.repeat(34)}</p>\n`;
    async function* largeExport(): AsyncGenerator<Uint8Array> {
      const encoder = new TextEncoder();
      yield encoder.encode(wxr({ body: '' }).replace('</channel>\n</rss>\n', ''));
      let batch = '';
      for (let id = 1; id <= itemCount; id++) {
        batch += item(
          `<title>Article ${id}</title><wp:post_id>${id}</wp:post_id><wp:post_type>post</wp:post_type>` +
            `<content:encoded><![CDATA[${paragraph}]]></content:encoded>` +
            `<category domain="category" nicename="ports"><![CDATA[Ports]]></category>` +
            comment({ id, author: 'Anne', approved: '1', type: '', parent: 0, userId: 0, content: 'Merci' }),
        );
        if (batch.length > 64 * 1024) {
          yield encoder.encode(batch);
          batch = '';
        }
      }
      yield encoder.encode(`${batch}</channel>\n</rss>\n`);
    }
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let bytes = 0;
    let count = 0;
    let lastId = 0;
    for await (const record of readWxr(largeExport(), { onBytes: (total) => (bytes = total) })) {
      if (record.kind !== 'item') continue;
      count++;
      lastId = record.postId;
      if (count % 500 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    expect(count).toBe(itemCount);
    expect(lastId).toBe(itemCount);
    expect(bytes).toBeGreaterThan(50 * 1024 * 1024);
    expect(peak - before).toBeLessThan(50 * 1024 * 1024);
  }, 30_000);
});
