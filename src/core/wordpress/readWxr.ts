import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { WxrCategory, WxrComment, WxrItem, WxrItemTerm, WxrMeta, WxrRecord, WxrSite, WxrTerm } from './types';

/**
 * The export is not XML we can read: malformed (an unclosed tag, an undefined entity, text
 * after the root), cut short, in an encoding we do not decode, or not a WordPress export.
 * `line` and `column` are 1-based and say where the XML parser stopped (columns count the
 * characters of that line, after the illegal control characters readWxr removes);
 * `recordsBefore` is how many records were yielded before the error, so a caller can say
 * how far the import got. `part` names the file of a split export when the caller knows it.
 */
export class WxrSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
    readonly recordsBefore: number,
    readonly part: string | null = null,
  ) {
    super(
      `${part === null ? '' : `${part}: `}line ${line}, column ${column}: ${reason} ` +
        `(${recordsBefore} record${recordsBefore === 1 ? '' : 's'} read before)`,
    );
    this.name = 'WxrSyntaxError';
  }
}

export interface ReadWxrOptions {
  /** Called after each chunk is read with the bytes read so far (UTF-8 bytes for string chunks). */
  onBytes?(total: number): void;
}

/**
 * Reads a WordPress export (WXR 1.0, 1.1 or 1.2, as WordPress's wp-admin/includes/export.php
 * writes it) from `chunks` and yields, in file order: one `{ kind: 'site' }` record with the
 * channel's own fields (before the first category or item, or at the end of an empty
 * channel), then each `wp:category`, `wp:tag`, `wp:term` and `<item>` of the channel as soon
 * as its element closes. Nothing is read ahead while the consumer is busy, and only the item
 * being read is held, so an export of any size reads in constant memory.
 *
 * Bytes are decoded as UTF-8 (a BOM is fine; a character split across chunks survives) unless
 * the XML declaration names ISO-8859-1, windows-1252 or US-ASCII (read as windows-1252, as
 * browsers do); string chunks are taken as already decoded. Elements are recognised by
 * namespace URI, not prefix: `http(s)://wordpress.org/export/1.x/` (and `…/excerpt/`),
 * `http(s)://purl.org/rss/1.0/modules/content/` and `http(s)://purl.org/dc/elements/1.1/`.
 *
 * Leniencies, each for exports found in the wild: the C0 control characters and U+FFFE/U+FFFF
 * that XML 1.0 forbids are removed before parsing (WordPress exports post content verbatim);
 * whitespace before the XML declaration is skipped (a theme or plugin printing blank lines
 * before export.php's output); an undeclared `wp`, `content`, `excerpt` or `dc` prefix is read
 * as WordPress's namespace and another undeclared prefix (WordPress.com's `atom:`) as an
 * unknown one. A number field that is missing or empty reads 0, a string field ''.
 *
 * Throws WxrSyntaxError for malformed XML, an input that ends inside an element (a truncated
 * file), an unsupported encoding, a number field that is not a whole number, or a root that is
 * not a WordPress export's `<rss>`. Records completed before the error are yielded first.
 */
export async function* readWxr(
  chunks: AsyncIterable<string | Uint8Array>,
  options: ReadWxrOptions = {},
): AsyncGenerator<WxrRecord> {
  const decoder = new ChunkDecoder();
  const reader = new WxrRecordReader();
  let bytes = 0;
  for await (const chunk of chunks) {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk, 'utf8') : chunk.byteLength;
    options.onBytes?.(bytes);
    const { records, error } = reader.write(decoder.decode(chunk));
    for (const record of records) yield record;
    if (error) throw error;
  }
  const { records, error } = reader.end(decoder.end());
  for (const record of records) yield record;
  if (error) throw error;
}

// XML 1.0 §2.2 Char: every C0 control except tab, line feed and carriage return, and the two
// non-characters, are not allowed even as character references.
const ILLEGAL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

type Decoder = InstanceType<typeof TextDecoder>;

// The XML declaration fits well within this; past it, no declaration means UTF-8.
const DECLARATION_LIMIT = 1024;
const GREATER_THAN = 0x3e;

/**
 * Chunks to text, decoded as the document says (see chooseDecoder), illegal characters
 * removed. String chunks are taken as already decoded.
 */
class ChunkDecoder {
  private decoder: Decoder | null = null;
  // Bytes held until the XML declaration has been seen whole: it names the decoder.
  private head: Uint8Array[] = [];
  private headLength = 0;

  decode(chunk: string | Uint8Array): string {
    if (typeof chunk === 'string') return this.decodeHead() + removeIllegalCharacters(chunk);
    if (this.decoder) return removeIllegalCharacters(this.decoder.decode(chunk, { stream: true }));
    this.head.push(chunk);
    this.headLength += chunk.byteLength;
    return this.headLength >= DECLARATION_LIMIT || chunk.includes(GREATER_THAN) ? this.decodeHead() : '';
  }

  /** The rest: a multi-byte character cut off at the very end becomes U+FFFD rather than vanishing. */
  end(): string {
    const text = this.decodeHead();
    return text + removeIllegalCharacters(this.decoder?.decode() ?? '');
  }

  private decodeHead(): string {
    if (this.headLength === 0) return '';
    const bytes = concatBytes(this.head, this.headLength);
    this.head = [];
    this.headLength = 0;
    this.decoder = chooseDecoder(bytes);
    return removeIllegalCharacters(this.decoder.decode(bytes, { stream: true }));
  }
}

function removeIllegalCharacters(text: string): string {
  return text.replace(ILLEGAL_CHARACTERS, '');
}

function concatBytes(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

/**
 * The decoder for a document starting with `head`. A byte order mark decides (XML 1.0
 * Appendix F); else the XML declaration's encoding, else UTF-8. WordPress writes
 * `get_bloginfo('charset')` there, which old blogs set to ISO-8859-1; the WHATWG Encoding
 * Standard reads that label, latin1 and US-ASCII as windows-1252, a superset.
 */
function chooseDecoder(head: Uint8Array): Decoder {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return new TextDecoder('utf-8');
  if ((head[0] === 0xfe && head[1] === 0xff) || (head[0] === 0xff && head[1] === 0xfe)) {
    const reason = 'the file is UTF-16 (it starts with a UTF-16 byte order mark); only UTF-8, ISO-8859-1 and windows-1252 are read';
    throw new WxrSyntaxError(reason, 1, 1, 0);
  }
  let start = '';
  for (let index = 0; index < head.length && index < DECLARATION_LIMIT; index++) {
    start += String.fromCharCode(head[index]);
  }
  const match = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([^"']*)\1/.exec(start);
  if (!match) return new TextDecoder('utf-8');
  const label = match[2];
  let decoder: Decoder | null = null;
  try {
    decoder = new TextDecoder(label);
  } catch {
    decoder = null;
  }
  if (decoder && (decoder.encoding === 'utf-8' || decoder.encoding === 'windows-1252')) return decoder;
  const before = start.slice(0, match.index + match[0].length - label.length - 1);
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  throw new WxrSyntaxError(
    `unsupported encoding "${label}" in the XML declaration: only UTF-8, ISO-8859-1 and windows-1252 are read ` +
      `(convert the file first, e.g. iconv -f ${label} -t UTF-8)`,
    line,
    column,
    0,
  );
}

const WORDPRESS_EXPORT_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/1\.\d+\/?$/;

const NAMESPACE_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^https?:\/\/wordpress\.org\/export\/1\.\d+\/excerpt\/?$/, 'excerpt'],
  [WORDPRESS_EXPORT_NAMESPACE, 'wp'],
  [/^https?:\/\/purl\.org\/rss\/1\.0\/modules\/content\/?$/, 'content'],
  [/^https?:\/\/purl\.org\/dc\/elements\/1\.1\/?$/, 'dc'],
];

/** What an undeclared prefix is read as: WordPress's own prefixes keep their meaning. */
const UNDECLARED_PREFIXES = new Map([
  ['wp', 'http://wordpress.org/export/1.2/'],
  ['excerpt', 'http://wordpress.org/export/1.2/excerpt/'],
  ['content', 'http://purl.org/rss/1.0/modules/content/'],
  ['dc', 'http://purl.org/dc/elements/1.1/'],
]);

// Maps, not objects: element names are the file's, and `<constructor>` must not find Object's.
const SITE_FIELDS = new Map<string, keyof WxrSite>(Object.entries({
  title: 'title',
  link: 'link',
  language: 'language',
  'wp:wxr_version': 'wxrVersion',
  'wp:base_site_url': 'baseSiteUrl',
  'wp:base_blog_url': 'baseBlogUrl',
} as const));

type StringFields<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T];
type NumberFields<T> = { [K in keyof T]: T[K] extends number ? K : never }[keyof T];

interface FieldTable<T> {
  strings: ReadonlyMap<string, StringFields<T>>;
  numbers: ReadonlyMap<string, NumberFields<T>>;
}

function fieldTable<T>(strings: Record<string, StringFields<T>>, numbers: Record<string, NumberFields<T>>): FieldTable<T> {
  return { strings: new Map(Object.entries(strings)), numbers: new Map(Object.entries(numbers)) };
}

const ITEM_FIELDS = fieldTable<WxrItem>(
  {
    title: 'title',
    link: 'link',
    guid: 'guid',
    'wp:post_type': 'postType',
    'wp:status': 'status',
    'wp:post_name': 'postName',
    'content:encoded': 'content',
    'excerpt:encoded': 'excerpt',
    'wp:post_date': 'postDate',
    'wp:post_date_gmt': 'postDateGmt',
    'wp:post_modified_gmt': 'postModifiedGmt',
    'wp:post_password': 'postPassword',
    'wp:comment_status': 'commentStatus',
    'wp:attachment_url': 'attachmentUrl',
    'dc:creator': 'creator',
  },
  { 'wp:post_id': 'postId', 'wp:post_parent': 'postParent' },
);

const COMMENT_FIELDS = fieldTable<WxrComment>(
  {
    'wp:comment_author': 'author',
    'wp:comment_author_email': 'authorEmail',
    'wp:comment_author_url': 'authorUrl',
    'wp:comment_author_IP': 'authorIp',
    'wp:comment_date': 'date',
    'wp:comment_date_gmt': 'dateGmt',
    'wp:comment_content': 'content',
    'wp:comment_approved': 'approved',
    'wp:comment_type': 'type',
  },
  { 'wp:comment_id': 'commentId', 'wp:comment_parent': 'parent', 'wp:comment_user_id': 'userId' },
);

const CATEGORY_FIELDS = fieldTable<WxrCategory>(
  {
    'wp:category_nicename': 'nicename',
    'wp:category_parent': 'parent',
    'wp:cat_name': 'name',
    'wp:category_description': 'description',
  },
  { 'wp:term_id': 'termId' },
);

const TAG_FIELDS = fieldTable<WxrTerm>(
  { 'wp:tag_slug': 'slug', 'wp:tag_name': 'name' },
  { 'wp:term_id': 'termId' },
);

const TERM_FIELDS = fieldTable<WxrTerm>(
  { 'wp:term_taxonomy': 'taxonomy', 'wp:term_slug': 'slug', 'wp:term_name': 'name' },
  { 'wp:term_id': 'termId' },
);

type ChannelRecord = WxrCategory | WxrTerm | WxrItem;

/** The channel's record elements, by the name readWxr gives them, and how each starts. */
const RECORD_ELEMENTS = new Map<string, () => ChannelRecord>(Object.entries({
  'wp:category': () => ({ kind: 'category', termId: 0, nicename: '', parent: '', name: '', description: '' }),
  'wp:tag': () => ({ kind: 'tag', termId: 0, taxonomy: 'post_tag', slug: '', name: '' }),
  'wp:term': () => ({ kind: 'term', termId: 0, taxonomy: '', slug: '', name: '' }),
  item: () => ({
    kind: 'item',
    postId: 0,
    postType: '',
    status: '',
    title: '',
    link: '',
    guid: '',
    postName: '',
    content: '',
    excerpt: '',
    postDateGmt: '',
    postDate: '',
    postModifiedGmt: '',
    postParent: 0,
    postPassword: '',
    commentStatus: '',
    attachmentUrl: '',
    creator: '',
    terms: [],
    meta: [],
    comments: [],
  }),
}));

function emptyComment(): WxrComment {
  return {
    commentId: 0,
    author: '',
    authorEmail: '',
    authorUrl: '',
    authorIp: '',
    dateGmt: '',
    date: '',
    content: '',
    approved: '',
    type: '',
    parent: 0,
    userId: 0,
  };
}

interface Batch {
  records: WxrRecord[];
  error?: WxrSyntaxError;
}

/**
 * Turns saxes events into records. Depths: 0 `<rss>`, 1 `<channel>`, 2 the channel's fields
 * and records, 3 a record's fields (and an item's `wp:comment`, `wp:postmeta`, `<category>`),
 * 4 a comment's or a meta's fields. Deeper elements (`wp:commentmeta`, `wp:termmeta`…) are
 * not read.
 */
class WxrRecordReader {
  private readonly parser: SaxesParser<{ xmlns: true }>;
  /** Element names as readWxr knows them (`wp:post_id`, `title`), outermost first. */
  private readonly stack: string[] = [];
  /** The text of the innermost element so far: every field is a leaf, so this is its value. */
  private text = '';
  private records: WxrRecord[] = [];
  private completed = 0;
  private site: WxrSite | null = null;
  private record: ChannelRecord | null = null;
  private comment: WxrComment | null = null;
  private meta: WxrMeta | null = null;
  private itemTerm: WxrItemTerm | null = null;
  private sawWordPressNamespace = false;
  private started = false;
  private ending = false;
  /** Whitespace skipped before the document, so that error lines match the file. */
  private skippedLines = 0;
  private skippedColumns = 0;
  private readonly prefixes = new Map<string, string | null>();

  constructor() {
    this.parser = new SaxesParser({
      xmlns: true,
      // saxes asks about the default namespace too: none declared means none.
      resolvePrefix: (prefix: string) =>
        prefix === '' ? undefined : (UNDECLARED_PREFIXES.get(prefix) ?? `urn:x-undeclared-prefix:${prefix}`),
    });
    this.parser.on('opentag', (tag) => this.open(tag));
    this.parser.on('closetag', () => this.close());
    this.parser.on('text', (text) => {
      this.text += text;
    });
    this.parser.on('cdata', (text) => {
      this.text += text;
    });
    this.parser.on('error', (error) => {
      throw this.syntaxError(this.describe(error.message.replace(/^\d+:\d+: /, '')));
    });
  }

  write(text: string): Batch {
    if (!this.started) {
      text = this.skipLeadingWhitespace(text);
      if (text === '') return { records: [] };
      this.started = true;
    }
    return this.run(() => this.parser.write(text));
  }

  /** Writes the last `text`, then checks that the document is complete. */
  end(text: string): Batch {
    const last = this.write(text);
    if (last.error) return last;
    this.ending = true;
    const { records, error } = this.run(() => this.parser.close());
    return { records: [...last.records, ...records], error };
  }

  private run(step: () => unknown): Batch {
    try {
      step();
    } catch (error) {
      if (!(error instanceof WxrSyntaxError)) throw error;
      return { records: this.take(), error };
    }
    return { records: this.take() };
  }

  private take(): WxrRecord[] {
    const records = this.records;
    this.records = [];
    return records;
  }

  private push(record: WxrRecord): void {
    this.records.push(record);
    this.completed++;
  }

  private skipLeadingWhitespace(text: string): string {
    const skipped = /^[\s\uFEFF]*/.exec(text)?.[0] ?? '';
    const newlines = skipped.split('\n').length - 1;
    this.skippedLines += newlines;
    this.skippedColumns = newlines > 0 ? skipped.length - skipped.lastIndexOf('\n') - 1 : this.skippedColumns + skipped.length;
    return text.slice(skipped.length);
  }

  private syntaxError(reason: string): WxrSyntaxError {
    const { line, column } = this.parser;
    return new WxrSyntaxError(
      reason,
      line + this.skippedLines,
      Math.max(1, column + (line === 1 ? this.skippedColumns : 0)),
      this.completed,
    );
  }

  /** saxes's reason, said in terms of the export where that helps whoever has to fix it. */
  private describe(reason: string): string {
    const unclosed = /^unclosed tag: (.*)$/.exec(reason);
    if (this.ending && unclosed) {
      const item = this.record?.kind === 'item' && this.record.postId !== 0 ? ` (in the item with wp:post_id ${this.record.postId})` : '';
      return `the input ends inside <${unclosed[1]}>${item}: the export is truncated or a tag is never closed`;
    }
    if (this.ending && reason === 'document must contain a root element.') {
      return 'the input holds no XML element: the export is empty';
    }
    return reason;
  }

  private nameOf(tag: SaxesTagNS): string {
    if (tag.uri === '') return tag.local;
    let prefix = this.prefixes.get(tag.uri);
    if (prefix === undefined) {
      prefix = NAMESPACE_PATTERNS.find(([pattern]) => pattern.test(tag.uri))?.[1] ?? null;
      this.prefixes.set(tag.uri, prefix);
    }
    if (prefix === 'wp') this.sawWordPressNamespace = true;
    return prefix === null ? `{${tag.uri}}${tag.local}` : `${prefix}:${tag.local}`;
  }

  private noteDeclarations(tag: SaxesTagNS): void {
    if (Object.values(tag.ns).some((uri) => WORDPRESS_EXPORT_NAMESPACE.test(uri))) this.sawWordPressNamespace = true;
  }

  private open(tag: SaxesTagNS): void {
    const name = this.nameOf(tag);
    const depth = this.stack.length;
    this.stack.push(name);
    this.text = '';
    if (depth === 0) {
      if (name !== 'rss') this.parser.fail(`not a WordPress export (WXR): the root element is <${tag.name}>, not <rss>.`);
      this.noteDeclarations(tag);
      return;
    }
    if (depth === 1) {
      if (name === 'channel') {
        this.noteDeclarations(tag);
        this.site = { wxrVersion: null, title: null, link: null, baseSiteUrl: null, baseBlogUrl: null, language: null };
      }
      return;
    }
    if (this.stack[1] !== 'channel') return;
    if (depth === 2) {
      const start = RECORD_ELEMENTS.get(name);
      if (start === undefined) return;
      this.sendSite();
      this.record = start();
      return;
    }
    if (depth === 3 && this.record?.kind === 'item') {
      if (name === 'wp:comment') this.comment = emptyComment();
      else if (name === 'wp:postmeta') this.meta = { key: '', value: '' };
      else if (name === 'category') {
        const { domain, nicename } = tag.attributes;
        this.itemTerm = { domain: domain?.value ?? '', nicename: nicename?.value ?? '', name: '' };
      }
    }
  }

  private close(): void {
    const name = this.stack.pop() ?? '';
    const depth = this.stack.length;
    const value = this.text;
    this.text = '';
    if (depth === 1 && name === 'channel') {
      this.sendSite();
      return;
    }
    if (depth < 2 || this.stack[1] !== 'channel') return;
    if (depth === 2) {
      if (this.record && RECORD_ELEMENTS.has(name)) {
        this.push(this.record);
        this.record = null;
      } else {
        const field = SITE_FIELDS.get(name);
        if (this.site && field !== undefined) this.site[field] = value;
      }
      return;
    }
    const record = this.record;
    if (record === null) return;
    if (depth === 3) {
      if (record.kind === 'category') this.setField(CATEGORY_FIELDS, record, name, value);
      else if (record.kind === 'item') this.closeItemChild(record, name, value);
      else this.setField(record.kind === 'tag' ? TAG_FIELDS : TERM_FIELDS, record, name, value);
      return;
    }
    if (depth === 4 && record.kind === 'item') {
      if (this.stack[3] === 'wp:comment' && this.comment) this.setField(COMMENT_FIELDS, this.comment, name, value);
      else if (this.stack[3] === 'wp:postmeta' && this.meta) {
        if (name === 'wp:meta_key') this.meta.key = value;
        else if (name === 'wp:meta_value') this.meta.value = value;
      }
    }
  }

  private closeItemChild(item: WxrItem, name: string, value: string): void {
    if (name === 'wp:comment' && this.comment) {
      item.comments.push(this.comment);
      this.comment = null;
    } else if (name === 'wp:postmeta' && this.meta) {
      item.meta.push(this.meta);
      this.meta = null;
    } else if (name === 'category' && this.itemTerm) {
      this.itemTerm.name = value;
      item.terms.push(this.itemTerm);
      this.itemTerm = null;
    } else {
      this.setField(ITEM_FIELDS, item, name, value);
    }
  }

  private setField<T>(fields: FieldTable<T>, target: T, name: string, value: string): void {
    const stringField = fields.strings.get(name);
    if (stringField !== undefined) {
      (target[stringField] as string) = value;
      return;
    }
    const numberField = fields.numbers.get(name);
    if (numberField !== undefined) (target[numberField] as number) = this.readNumber(name, value);
  }

  /** WordPress writes ids with intval(): digits, or nothing where the field is unknown. */
  private readNumber(name: string, value: string): number {
    const trimmed = value.trim();
    if (trimmed === '') return 0;
    const number = /^\d+$/.test(trimmed) ? Number(trimmed) : NaN;
    if (!Number.isSafeInteger(number)) {
      this.parser.fail(`<${name}> is not a whole number: ${JSON.stringify(trimmed.slice(0, 40))}.`);
    }
    return number;
  }

  /** The site record goes out once per channel, before its first record. */
  private sendSite(): void {
    if (this.site === null) return;
    if (!this.sawWordPressNamespace) {
      this.parser.fail(
        'not a WordPress export (WXR): nothing in the namespace http://wordpress.org/export/1.x/ before the first record; ' +
          'is this a plain RSS feed?',
      );
    }
    this.push({ kind: 'site', site: this.site });
    this.site = null;
  }
}
