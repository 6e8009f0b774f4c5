import { normalizeWebUrl } from '../attribution/normalizeWebUrl';
import type { CreditRole } from '../attribution/types';
import { stripInvisible } from '../text/stripInvisible';
import type { BlockNode } from './types';

/**
 * The outlet a credit line names, as far as one line can tell: its name, its website (the
 * origin `https://host` of a URL the line gave), or both. The importer finds or creates the
 * Source from it (see matchSourceHint).
 */
export interface SourceHint {
  name?: string;
  website?: string;
}

/** A credit read from a footer line, before its source is found among Colophon's Sources. */
export interface CreditDraft {
  role: CreditRole;
  person?: string;
  url?: string;
  caption?: string;
  language?: string;
  title?: string;
  source?: SourceHint;
}

export interface CreditLineOptions {
  /** The post's language (BCP 47), given to translation credits: the translation is the post itself. */
  language: string | null;
}

export interface ExtractedCredits {
  /** The blocks without the footer lines that became credits (the input is left untouched). */
  blocks: BlockNode[];
  /** In the order the lines appear in the post. */
  credits: CreditDraft[];
  /** Footer lines that start like a credit but could not be read, as text; they stay in `blocks`. */
  notUnderstood: string[];
}

/** One line of a paragraph: its inline nodes, split where the text holds a line break. */
interface Line {
  nodes: BlockNode[];
  text: string;
  /** The URLs of the line's links, in order. */
  links: Array<{ url: string; text: string }>;
}

type LineReading = { credit: CreditDraft } | { notUnderstood: true } | null;

/**
 * Reads the credit footer of a post (Source, Photo, Traduction, Via, Auteur lines, as the
 * French and English republishing sites write them) into credits, and takes those lines out
 * of the body.
 *
 * `blocks` are Strapi rich-text blocks converted from the post's HTML. A paragraph's text is
 * the concatenation of its text nodes (links included); a link's `url` counts as a URL
 * written in the line. A line break inside a paragraph (`\n` in a text node, what `<br>`
 * becomes) separates lines, since WordPress's autop turns a single newline between footer
 * lines into `<br />`.
 *
 * Lines are read from the end backwards:
 * - a blank line or paragraph is passed over;
 * - a line read as a credit is taken out of the body;
 * - a line that starts with a label followed by a separator ("Source :", "Photo —") but whose
 *   value cannot be read ("Source : voir plus haut", "Source :") stays in the body and is
 *   returned in `notUnderstood`, for a person to look at; the scan goes on above it;
 * - anything else (a story's last paragraph, "Publicités", a heading, an image) ends the scan,
 *   so the story itself is never taken.
 * When at least one credit is taken, the blank paragraphs of the footer go with it; otherwise
 * `blocks` come back as they were. A paragraph that loses only some of its lines keeps the
 * others, joined by line breaks.
 *
 * The patterns (case-insensitive; ":" with or without spaces, NBSP U+00A0 and narrow NBSP
 * U+202F included; "-", "–" and "—" as separators; a URL as text or as a link):
 * - `Source : <url>` → original with `url` (unless it is a home page) and `source.website`;
 *   `Source : <outlet> – <url>`, `Source : <outlet> (<url>)`, `Source : <a href=url>outlet</a>`
 *   → original with source name and website (and url); `Source : <outlet>` → original with
 *   the source's name. A link whose text is not a name (a headline) gives `title`. The
 *   original's `language` is left unset: it is the source's, which the importer knows.
 * - `Photo : <caption> / <agency>` (the last " / " separates) → photo with caption and
 *   source name; `Photo : <agency>` → photo with the source's name; `Photo : <caption>` (a
 *   text that is no name) → photo with caption only. `Photo credit:`, `Crédit photo :`,
 *   `Photo © <agency>` name the holder of the rights: source name only.
 * - `Traduction : <person> – <outlet>`, `Traduction : <person> pour <outlet>`,
 *   `Traduit (de l'anglais) par <person> pour <outlet>`, `Translated by <person> for
 *   <outlet>`, `Translation: <person>` → translation with person, source name (or website)
 *   when given, and `language: options.language`.
 * - `Via <outlet>`, `Via : <outlet>`, `Vu sur <outlet>` → via.
 * - `Auteur : <person>`, `Autrice :`, `By <person>`, `Par <person>` (optionally `– <outlet>`)
 *   → author; these only ever count at the end of a post, where the scan looks.
 * A name is at most 80 characters and 8 words, holds no "," or ";", is not a phrase written
 * all in lower case ("voir plus haut") nor a placeholder ("inconnu", "see above"). A line
 * naming two URLs is not understood rather than guessed at. Never throws.
 */
export function extractCreditLines(blocks: BlockNode[], options: CreditLineOptions): ExtractedCredits {
  const paragraphs = new Map<number, { lines: Line[]; removed: Set<number>; scannedBlank: boolean }>();
  const found: Array<{ at: [number, number]; credit: CreditDraft }> = [];
  const unread: Array<{ at: [number, number]; text: string }> = [];

  scan: for (let b = blocks.length - 1; b >= 0; b -= 1) {
    const block = blocks[b];
    if (block?.type !== 'paragraph') break;
    const lines = splitLines(block.children ?? []);
    const entry = { lines, removed: new Set<number>(), scannedBlank: false };
    paragraphs.set(b, entry);
    for (let l = lines.length - 1; l >= 0; l -= 1) {
      const line = lines[l];
      if (line.text === '') continue;
      const reading = readCreditLine(line, options);
      if (reading === null) break scan;
      if ('credit' in reading) {
        entry.removed.add(l);
        found.push({ at: [b, l], credit: reading.credit });
      } else {
        unread.push({ at: [b, l], text: line.text });
      }
    }
  }

  const inOrder = <T extends { at: [number, number] }>(list: T[]) => [...list].sort((x, y) => x.at[0] - y.at[0] || x.at[1] - y.at[1]);
  const credits = inOrder(found).map((entry) => entry.credit);
  const notUnderstood = inOrder(unread).map((entry) => entry.text);
  if (credits.length === 0) return { blocks: [...blocks], credits, notUnderstood };

  const kept: BlockNode[] = [];
  blocks.forEach((block, index) => {
    const entry = paragraphs.get(index);
    if (!entry) {
      kept.push(block);
      return;
    }
    const remaining = entry.lines.filter((line, l) => !entry.removed.has(l) && line.text !== '');
    // A paragraph scanned whole and left blank was only spacing around the footer.
    if (remaining.length === 0) return;
    if (entry.removed.size === 0) {
      kept.push(block);
      return;
    }
    const children: BlockNode[] = [];
    remaining.forEach((line, i) => {
      if (i > 0) children.push({ type: 'text', text: '\n' });
      children.push(...line.nodes);
    });
    kept.push({ ...block, children });
  });
  return { blocks: kept, credits, notUnderstood };
}

// ---------------------------------------------------------------------------------------------
// Lines

function splitLines(children: BlockNode[]): Line[] {
  const lines: Line[] = [];
  let current: BlockNode[] = [];
  const close = () => {
    lines.push(describeLine(current));
    current = [];
  };
  for (const child of children) {
    if (child.type === 'text' && typeof child.text === 'string' && child.text.includes('\n')) {
      const parts = child.text.split('\n');
      parts.forEach((part, i) => {
        if (i > 0) close();
        if (part !== '') current.push({ ...child, text: part });
      });
    } else {
      current.push(child);
    }
  }
  close();
  return lines;
}

function describeLine(nodes: BlockNode[]): Line {
  const links: Line['links'] = [];
  const collect = (node: BlockNode): string => {
    if (node.type === 'text') return typeof node.text === 'string' ? node.text : '';
    const inner = (node.children ?? []).map(collect).join('');
    if (node.type === 'link' && typeof node.url === 'string') links.push({ url: node.url, text: tidy(inner) });
    return inner;
  };
  const text = tidy(nodes.map(collect).join(''));
  return { nodes, text, links };
}

// Invisible characters and exotic spaces are how a footer pasted from another site arrives;
// none of them may change what a line says.
function tidy(text: string): string {
  return stripInvisible(text)
    .replace(/[\s\u00a0\u202f\u2000-\u200a\u3000]+/gu, ' ')
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Grammar

// After a label: a colon (ASCII or full-width) with any spaces, or a dash with a space
// after it. The value may be empty, which is a credit label with nothing to read.
const SEPARATOR = String.raw`(?:\s*[:：]\s*|\s+[-–—]\s+|\s*[-–—]\s*$)`;
const DASH = /\s+[-–—]\s+/;

type NameReader = (value: string) => string | null;

interface Label {
  pattern: RegExp;
  read: (value: string, line: Line, options: CreditLineOptions, nameOf: NameReader) => CreditDraft | null;
  /** Whether a match means "this is meant as a credit" even when the value cannot be read. */
  strong: boolean;
}

const label = (words: string, separator = SEPARATOR) => new RegExp(`^(?:${words})${separator}(.*)$`, 'iu');

const LABELS: Label[] = [
  {
    pattern: label('source|sources|source originale|original source|article original|original article|article source'),
    read: (value, line) => readOriginal(value, line),
    strong: true,
  },
  { pattern: label('cr[ée]dits? photos?|cr[ée]dits? photographiques?|photo credits?|image credits?|cr[ée]dits? images?'), read: readPhotoHolder, strong: true },
  { pattern: label('photos?|images?|illustrations?', String.raw`\s*©\s*`), read: readPhotoHolder, strong: true },
  { pattern: label('photos?|images?|illustrations?'), read: readPhoto, strong: true },
  { pattern: label('traductions?|translations?|translated|traduit|traduite'), read: readTranslation, strong: true },
  {
    pattern: /^(?:traduit|traduite|translated)(?:\s+(?:de|du|des|d[’']|from)\s*[\p{L}’' ]+?)?\s+(?:par|by)\s+(.*)$/iu,
    read: readTranslation,
    strong: false,
  },
  { pattern: label('via|vu sur'), read: readVia, strong: true },
  { pattern: /^(?:via|vu sur)\s+(.*)$/iu, read: readVia, strong: false },
  { pattern: label('auteur|auteure|autrice|author|auteurs|authors|texte|text'), read: readAuthor, strong: true },
  { pattern: /^(?:by|par)\s+(.*)$/iu, read: readAuthor, strong: false },
];

function readCreditLine(line: Line, options: CreditLineOptions): LineReading {
  // "(Source : RT)" and "[Traduction : Avic]" are the same lines in brackets.
  const text = line.text.replace(/^\((.*)\)$/u, '$1').replace(/^\[(.*)\]$/u, '$1').trim();
  for (const { pattern, read, strong } of LABELS) {
    const match = pattern.exec(text);
    if (!match) continue;
    // Without a label's colon, only a proper name makes the line a credit ("By Jane Doe", not "By then").
    const credit = read(match[1].trim(), line, options, strong ? readName : readProperName);
    if (credit) return { credit };
    return strong ? { notUnderstood: true } : null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Values

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"«»]+|\bwww\.[^\s<>"«»]+/giu;
const BARE_HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?:\/\S*)?$/i;

interface FoundUrl {
  url: string;
  /** The link's text when the URL came from a link whose text is not the URL itself. */
  linkText: string | null;
  /** What to cut out of the value to read what else it says. */
  written: string | null;
}

/** The one URL a value gives (a link, a URL in the text, or a bare host), or null; 'many' for more than one. */
function findUrl(value: string, line: Line): FoundUrl | 'many' | null {
  const candidates = new Map<string, FoundUrl>();
  for (const link of line.links) {
    const url = normalizeWebUrl(link.url, { completeScheme: false }).url;
    if (!url) continue;
    const shownAsUrl = link.text === '' || normalizeWebUrl(trimUrlPunctuation(link.text)).url === url || looksLikeUrl(link.text);
    const found = { url, linkText: shownAsUrl ? null : link.text, written: shownAsUrl ? link.text : null };
    if (!candidates.has(url)) candidates.set(url, found);
  }
  for (const match of value.matchAll(URL_IN_TEXT)) {
    const written = trimUrlPunctuation(match[0]);
    const url = normalizeWebUrl(written).url;
    if (!url) continue;
    const known = [...candidates.values()].find((c) => c.url === url || sameLink(c.url, url));
    if (known) known.written = known.written ?? written;
    else candidates.set(url, { url, linkText: null, written });
  }
  if (candidates.size === 0 && BARE_HOST.test(value)) {
    const url = normalizeWebUrl(value).url;
    if (url) candidates.set(url, { url, linkText: null, written: value });
  }
  if (candidates.size > 1) return 'many';
  return candidates.values().next().value ?? null;
}

// A linked URL and the same URL in the text may differ only by a trailing slash.
function sameLink(a: string, b: string): boolean {
  return a.replace(/\/$/, '') === b.replace(/\/$/, '');
}

function looksLikeUrl(text: string): boolean {
  return /^(?:https?:\/\/|www\.)/i.test(text) || BARE_HOST.test(text);
}

// A sentence's full stop or a closing bracket is not part of the URL before it.
function trimUrlPunctuation(url: string): string {
  let result = url.replace(/[.,;:!?…»”’'"]+$/u, '');
  while (result.endsWith(')') && count(result, '(') < count(result, ')')) result = result.slice(0, -1);
  while (result.endsWith(']') && count(result, '[') < count(result, ']')) result = result.slice(0, -1);
  return result;
}

function count(text: string, ch: string): number {
  return text.split(ch).length - 1;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function isHomePage(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.pathname === '/' && parsed.search === '' && parsed.hash === '';
  } catch {
    return false;
  }
}

/** What is left of a value once a URL is cut out: brackets, separators and "sur"/"on" around it go too. */
function withoutUrl(value: string, written: string | null): string {
  let rest = written ? value.split(written).join(' ') : value;
  rest = rest.replace(/\(\s*\)|\[\s*\]|<\s*>/gu, ' ');
  return rest
    .replace(/\s+/gu, ' ')
    .replace(/^[\s:,;.\-–—|]+|[\s:,;.\-–—|]+$/gu, '')
    .replace(/\s+(?:sur|on|at|à)$/iu, '')
    .trim();
}

const PLACEHOLDERS = new Set([
  'voir plus haut', 'voir ci-dessus', 'ci-dessus', 'plus haut', 'voir ci-dessous', 'ci-dessous', 'idem', 'id', 'inconnu', 'inconnue',
  'internet', 'web', 'le web', 'divers', 'diverses', 'source', 'sources', 'see above', 'above', 'see below', 'below', 'unknown',
  'various', 'n/a', 'na', 'nc', 'tbd', 'dr', 'droits réservés', 'all rights reserved', 'auteur', 'author', 'none', 'aucune', 'aucun',
]);

/** `value` as the name of a person or an outlet, or null when it reads as anything else. */
function readName(value: string): string | null {
  const name = value
    .replace(/^[«“"‘'\s]+|[»”"’'\s]+$/gu, '')
    .replace(/(?<![\s.]\p{Lu})\.$/u, '')
    .trim();
  if (name === '' || name.length > 80) return null;
  if (PLACEHOLDERS.has(name.toLowerCase())) return null;
  if (/[,;:]/u.test(name) || /https?:\/\//i.test(name)) return null;
  if (!/[\p{L}\p{N}]/u.test(name)) return null;
  const words = name.split(' ');
  if (words.length > 8) return null;
  // Names start with a capital ("Le Monde diplomatique", "Courrier international"); words
  // that do not are a phrase ("voir plus haut", "une rue de Pyongyang"). One lower-case word
  // may be a name ("franceinfo", a pseudonym) after a label that says a name follows.
  if (words.length > 1 && !/^[\p{Lu}\p{N}]/u.test(name)) return null;
  return name;
}

/** A name that a line without a label ("By …", "Via …") must give: capitalised, at most 5 words. */
function readProperName(value: string): string | null {
  const name = readName(value);
  return name && /^[\p{Lu}\p{N}]/u.test(name) && name.split(' ').length <= 5 ? name : null;
}

// Lower-case words an agency's name may hold ("Agence de presse", "Ministry of Defence").
const NAME_PARTICLES = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'of', 'the', 'and', 'et', '&', 'für', 'y', 'di', 'da', 'van', 'von']);

/** Whether "Photo : X" names who took it rather than what it shows: a short name of capitalised words. */
function looksLikeAgency(name: string): boolean {
  const words = name.split(' ');
  return words.length <= 3 && words.every((word, i) => /^[\p{Lu}\p{N}]/u.test(word) || (i > 0 && NAME_PARTICLES.has(word.toLowerCase())));
}

function readOriginal(value: string, line: Line): CreditDraft | null {
  const found = findUrl(value, line);
  if (found === 'many') return null;
  if (!found) {
    const name = readName(value);
    return name ? { role: 'original', source: { name } } : null;
  }
  const credit: CreditDraft = { role: 'original' };
  if (!isHomePage(found.url)) credit.url = found.url;
  const website = originOf(found.url);
  const rest = withoutUrl(value, found.written);
  if (rest === '') {
    credit.source = { website };
    return credit;
  }
  // A link's text stays in `rest` unless it was the URL itself: an outlet's name or a headline.
  const name = readName(rest);
  if (name) {
    credit.source = { name, website };
    return credit;
  }
  // A headline with the link on it: the outlet is only known from the URL.
  if (found.linkText && rest === found.linkText) {
    credit.title = found.linkText;
    credit.source = { website };
    return credit;
  }
  return null;
}

// A caption longer than this is a paragraph of the story that happens to start with "Photo".
const CAPTION_MAX_LENGTH = 500;

// "© AFP", "AFP ©", "(c) AFP": the sign says whose rights, it is not part of the name.
function withoutCopyrightSign(value: string): string {
  return value.replace(/^(?:©|\(c\))\s*|\s*(?:©|\(c\))$/giu, '').trim();
}

function readPhoto(raw: string): CreditDraft | null {
  const value = withoutCopyrightSign(raw);
  if (value === '' || value.length > CAPTION_MAX_LENGTH) return null;
  const slash = value.lastIndexOf(' / ');
  if (slash > 0) {
    const caption = value.slice(0, slash).trim();
    const agency = readName(withoutCopyrightSign(value.slice(slash + 3)));
    if (caption !== '' && agency) return { role: 'photo', caption, source: { name: agency } };
  }
  const name = readName(value);
  if (name && looksLikeAgency(name)) return { role: 'photo', source: { name } };
  if (PLACEHOLDERS.has(value.toLowerCase().replace(/\.$/, ''))) return null;
  return { role: 'photo', caption: value };
}

/** "Crédit photo : X" names who holds the rights; "A / B" could be agency and photographer either way round. */
function readPhotoHolder(value: string): CreditDraft | null {
  const name = readName(withoutCopyrightSign(value));
  return name && !name.includes('/') ? { role: 'photo', source: { name } } : null;
}

/** "<person>", "<person> – <outlet>", "<person> pour <outlet>", each outlet a name or a URL. */
function readPersonAndOutlet(value: string, line: Line, nameOf: NameReader): { person: string; source?: SourceHint } | null {
  const split = DASH.exec(value) ?? /\s+(?:pour|for)\s+/iu.exec(value);
  if (!split) {
    const person = nameOf(value);
    return person ? { person } : null;
  }
  const person = nameOf(value.slice(0, split.index));
  const outlet = value.slice(split.index + split[0].length).trim();
  if (!person || outlet === '') return null;
  const found = findUrl(outlet, line);
  if (found === 'many') return null;
  if (found && withoutUrl(outlet, found.written) === '') {
    const name = found.linkText ? nameOf(found.linkText) : null;
    return { person, source: { ...(name ? { name } : {}), website: originOf(found.url) } };
  }
  const name = nameOf(outlet);
  if (!name) return null;
  const website = found && found.linkText === name ? originOf(found.url) : undefined;
  return { person, source: website ? { name, website } : { name } };
}

function readTranslation(value: string, line: Line, options: CreditLineOptions, nameOf: NameReader): CreditDraft | null {
  const read = readPersonAndOutlet(value, line, nameOf);
  if (!read) return null;
  return {
    role: 'translation',
    person: read.person,
    ...(read.source ? { source: read.source } : {}),
    ...(options.language ? { language: options.language } : {}),
  };
}

function readAuthor(value: string, line: Line, _options: CreditLineOptions, nameOf: NameReader): CreditDraft | null {
  const read = readPersonAndOutlet(value, line, nameOf);
  if (!read) return null;
  return { role: 'author', person: read.person, ...(read.source ? { source: read.source } : {}) };
}

function readVia(value: string, line: Line, _options: CreditLineOptions, nameOf: NameReader): CreditDraft | null {
  const found = findUrl(value, line);
  if (found === 'many') return null;
  if (!found) {
    const name = nameOf(value);
    return name ? { role: 'via', source: { name } } : null;
  }
  const rest = withoutUrl(value, found.written);
  const name = rest === '' ? null : nameOf(rest);
  if (rest !== '' && !name) return null;
  const credit: CreditDraft = { role: 'via', source: { ...(name ? { name } : {}), website: originOf(found.url) } };
  if (!isHomePage(found.url)) credit.url = found.url;
  return credit;
}
