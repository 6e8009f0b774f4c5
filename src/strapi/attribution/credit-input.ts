import { describeCredit, normalizeHttpUrl, resolveTypography, type Credit } from '../../core/attribution';
import type { WriteBlocker } from '../hook/target-writes';
import type { DerivedRow } from '../hook/rederive-targets';
import { failAt } from '../hook/write-context';

/** Every URL field of a Source: each is held to the same rule as a credit's url. */
export const SOURCE_URL_FIELDS = ['website', 'licenseUrl', 'acquireLicensePage'] as const;

/**
 * Normalises one URL field of the data a caller sent, in place: a scheme-less host name gets
 * https://, a blank becomes null, anything else that is not http(s) is a 400 naming `path`.
 */
function normalizeUrlField(holder: Record<string, unknown>, key: string, path: Array<string | number>): void {
  if (!(key in holder)) return;
  const { url, error } = normalizeHttpUrl(holder[key]);
  if (error) failAt(path, `${path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('')} ${error}`);
  holder[key] = url;
}

/**
 * The credits' urls, as sent by any door (REST, GraphQL, the Content Manager, code), before
 * Strapi writes them. A url that would never be shown must not be stored silently.
 */
export function normalizeCreditUrls(data: Record<string, unknown>, creditsField: string): void {
  const credits = data[creditsField];
  if (!Array.isArray(credits)) return;
  credits.forEach((credit, index) => {
    if (credit && typeof credit === 'object') normalizeUrlField(credit as Record<string, unknown>, 'url', [creditsField, index, 'url']);
  });
}

export function normalizeSourceUrls(data: Record<string, unknown> | undefined, fields: readonly string[] = SOURCE_URL_FIELDS): void {
  if (!data) return;
  for (const field of fields) normalizeUrlField(data, field, [field]);
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
