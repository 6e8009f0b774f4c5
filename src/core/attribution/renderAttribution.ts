import escapeHtml from 'escape-html';
import { describeCredit } from './describeCredit';
import { escapeMarkdown, escapeMarkdownUrl } from './escapeMarkdown';
import { resolveTypography, type Typography } from './resolveTypography';
import { sortCredits } from './sortCredits';
import type { Attribution, Credit, CreditLine } from './types';

export function buildCreditLines(credits: readonly Credit[], typography: Typography): CreditLine[] {
  return sortCredits(credits)
    .map((credit) => describeCredit(credit, typography))
    .filter((line): line is CreditLine => line !== null);
}

function renderHtmlLine(line: CreditLine, colon: string): string {
  const value = escapeHtml(line.text);
  const linked = line.url ? `<a href="${escapeHtml(line.url)}" rel="nofollow noopener">${value}</a>` : value;
  return `<p>${escapeHtml(line.label)}${colon}${linked}</p>`;
}

function renderMarkdownLine(line: CreditLine, colon: string): string {
  const value = escapeMarkdown(line.text);
  const linked = line.url ? `[${value}](${escapeMarkdownUrl(line.url)})` : value;
  return `${escapeMarkdown(line.label)}${colon}${linked}`;
}

/**
 * The footer's HTML for credit lines already built: one `<p>` a line, every value escaped,
 * linked (`rel="nofollow noopener"`) to the line's `url`, which must be an http(s) URL or null
 * (buildCreditLines makes them so), with `locale`'s colon. What renderAttribution writes into
 * `html`; feeds call it for a stored footer that lacks its html.
 */
export function renderCreditLinesHtml(lines: readonly CreditLine[], locale: string): string {
  const { colon } = resolveTypography(locale);
  return lines.map((line) => renderHtmlLine(line, colon)).join('\n');
}

export function renderAttribution(credits: readonly Credit[], locale: string): Attribution {
  const typography = resolveTypography(locale);
  const lines = buildCreditLines(credits, typography);
  return {
    lines,
    text: lines.map((line) => `${line.label}${typography.colon}${line.text}`).join('\n'),
    html: renderCreditLinesHtml(lines, locale),
    markdown: lines.map((line) => renderMarkdownLine(line, typography.colon)).join('\n\n'),
  };
}
