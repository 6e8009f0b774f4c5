import { describeCredit, normalizeBlockLinks, normalizeWebUrl, resolveTypography, type Credit, type WebUrlOptions } from '../../core/attribution';
import { stripInvisibleFromFields, type TextFieldKinds } from '../../core/text';
import type { WriteBlocker } from '../hook/target-writes';
import type { DerivedRow } from '../hook/rederive-targets';
import { failAt } from '../hook/write-context';

/** Every URL field of a Source: each is held to the same rule as a credit's url. */
export const SOURCE_URL_FIELDS = ['website', 'licenseUrl', 'acquireLicensePage'] as const;
/** A Source's public text: its name and licence show in footers and JSON-LD, its language in JSON-LD. */
export const SOURCE_TEXT_FIELDS: TextFieldKinds = { text: ['name', 'license', 'language'] };
/** A credit's public text, every field the footer or the JSON-LD may show (`url` is a URL field). */
export const CREDIT_TEXT_FIELDS: TextFieldKinds = { text: ['person', 'title', 'caption', 'note', 'language', 'sourceName'] };
/**
 * The public text of a trail target (an article) besides its title, which the hook cleans
 * with its own rule (an empty title is refused) and its credits (see prepareCreditInput).
 */
export const TARGET_TEXT_FIELDS: TextFieldKinds = { text: ['excerpt', 'coverCaption'], blocks: ['body'] };

const describePath = (path: ReadonlyArray<string | number>) =>
  path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');

/**
 * Normalises one URL field of the data a caller sent, in place, with normalizeWebUrl: the
 * WHATWG serialisation, a scheme-less host name completed with https://, a blank stored as
 * null. Anything else is a 400 naming `path` (`["credits", 1, "url"]`, `["baseUrl"]`). A field
 * not sent is left alone.
 */
export function normalizeUrlField(
  holder: Record<string, unknown>,
  key: string,
  path: Array<string | number>,
  options: WebUrlOptions = {}
): void {
  if (!(key in holder)) return;
  const { url, error } = normalizeWebUrl(holder[key], options);
  if (error) failAt(path, `${describePath(path)} ${error}`);
  holder[key] = url;
}

/**
 * Strips bidi controls and invisible characters (stripInvisible) from the listed text fields of
 * `holder`, in place. A `required` field that held something and holds nothing once stripped
 * is a 400 naming `[...path, field]`: it was made of invisible characters only.
 */
export function stripTextFields(
  holder: Record<string, unknown>,
  fields: TextFieldKinds,
  path: Array<string | number> = [],
  required: readonly string[] = []
): void {
  const clean = stripInvisibleFromFields(holder, fields);
  for (const field of required) {
    if (typeof holder[field] === 'string' && (holder[field] as string).trim() !== '' && (clean[field] as string).trim() === '') {
      failAt([...path, field], `${describePath([...path, field])} must not be empty (it holds only invisible characters)`);
    }
  }
  Object.assign(holder, clean);
}

/**
 * The credits as sent by any door (REST, GraphQL, the Content Manager, code), before Strapi
 * writes them: each url normalised (a url that would never be shown must not be stored
 * silently), each text field stripped of invisible characters.
 */
export function prepareCreditInput(data: Record<string, unknown>, creditsField: string): void {
  const credits = data[creditsField];
  if (!Array.isArray(credits)) return;
  credits.forEach((credit, index) => {
    if (!credit || typeof credit !== 'object') return;
    normalizeUrlField(credit as Record<string, unknown>, 'url', [creditsField, index, 'url']);
    stripTextFields(credit as Record<string, unknown>, CREDIT_TEXT_FIELDS, [creditsField, index]);
  });
}

/**
 * A trail target's own public text (TARGET_TEXT_FIELDS), as sent, before Strapi writes it,
 * and the links inside its body (normalizeBlockLinks): a `javascript:` link is a 400 naming
 * where it is, e.g. `["body", 0, "children", 1, "url"]`.
 */
export function prepareTargetText(data: Record<string, unknown>): void {
  stripTextFields(data, TARGET_TEXT_FIELDS);
  for (const field of TARGET_TEXT_FIELDS.blocks ?? []) {
    if (!Array.isArray(data[field])) continue;
    const { blocks, problem } = normalizeBlockLinks(data[field]);
    if (problem) failAt([field, ...problem.path], `${describePath([field, ...problem.path])} ${problem.message}`);
    data[field] = blocks;
  }
}

/**
 * A Source as sent, before Strapi writes it: every URL field normalised like a credit's url,
 * its name, licence and language stripped of invisible characters (a name of nothing but
 * those is a 400 naming `name`).
 */
export function prepareSourceInput(data: Record<string, unknown> | undefined, urlFields: readonly string[] = SOURCE_URL_FIELDS): void {
  if (!data) return;
  for (const field of urlFields) normalizeUrlField(data, field, [field]);
  stripTextFields(data, SOURCE_TEXT_FIELDS, [], ['name']);
}

/**
 * The credits the footer would leave out, as blockers naming each (`credits.<index>`): a credit
 * that says nothing would disappear without the editor knowing, so a save is refused. Credits
 * are in their stored order, which is the order sent. The hook and the preview both ask here.
 */
export function findSilentCredits(credits: readonly Credit[], locale: string, creditsField: string): WriteBlocker[] {
  const typography = resolveTypography(locale);
  const blockers: WriteBlocker[] = [];
  credits.forEach((credit, index) => {
    if (describeCredit(credit, typography) === null) {
      blockers.push({
        action: 'save',
        path: [creditsField, index],
        message: `${creditsField}[${index}] (${credit.role}) says nothing: give it a source, a person, a title or a URL`,
      });
    }
  });
  return blockers;
}

/**
 * After the write, with the credits as stored (their sources resolved): a credit the footer
 * would leave out is a 400 naming it (see findSilentCredits). Only the rows of the locale
 * written are judged.
 */
export function refuseSilentCredits(derived: Map<number, DerivedRow>, locale: string, creditsField: string): void {
  for (const row of derived.values()) {
    if ((row.locale ?? '') !== locale || !row.credits) continue;
    const [first] = findSilentCredits(row.credits, locale, creditsField);
    if (first) failAt(first.path, first.message);
  }
}
