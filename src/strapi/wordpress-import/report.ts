import type { WordpressKind } from './models';

/** What happened to each kind of thing an import met: nothing is skipped without a line here. */
export interface KindCounts {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

/** One thing not imported, or not wholly: its WordPress id and why. */
export interface SkippedThing {
  kind: string;
  wpId: number | null;
  reason: string;
  /** It failed with an error (the item was rolled back), rather than being left out by a rule. */
  failed?: boolean;
}

/**
 * An import's report, as printed at the end and written by --report (JSON):
 * - `counts`: per kind (category, post, comment, attachment, and the kinds Colophon has no
 *   home for: tag, term, page), what was created, updated, found unchanged or skipped;
 * - `skipped`: each skipped thing (and each thing imported with a loss: a missing image, a
 *   post kept as a draft because the publish policy refused it) with its WordPress id and why;
 * - `contentLost`: what Strapi's blocks cannot hold, counted by kind (table, embed, gallery,
 *   a dynamic block's name, shortcode:<name>): its text is kept, its form is not;
 * - `creditLines`: hand-typed footer lines turned into credits, and those left in the body;
 * - `resumedAfter`: records skipped because an earlier run had committed them (--resume).
 */
export interface ImportReport {
  dryRun: boolean;
  files: string[];
  records: number;
  resumedAfter: number;
  counts: Record<string, KindCounts>;
  skipped: SkippedThing[];
  contentLost: Record<string, number>;
  creditLines: { understood: number; notUnderstood: number };
  /** Milliseconds from the first record read to the last committed. */
  ms: number;
}

export function emptyReport(files: string[], dryRun: boolean): ImportReport {
  return { dryRun, files, records: 0, resumedAfter: 0, counts: {}, skipped: [], contentLost: {}, creditLines: { understood: 0, notUnderstood: 0 }, ms: 0 };
}

export type Outcome = keyof KindCounts;

/** Counts one thing of `kind`; a skip (or a loss) also lists it with its reason. */
export function tally(report: ImportReport, kind: WordpressKind | 'tag' | 'term' | 'page' | string, outcome: Outcome, skipped?: { wpId: number | null; reason: string; failed?: boolean }): void {
  const counts = (report.counts[kind] ??= { created: 0, updated: 0, unchanged: 0, skipped: 0 });
  counts[outcome] += 1;
  if (skipped) report.skipped.push({ kind, wpId: skipped.wpId, reason: skipped.reason, ...(skipped.failed ? { failed: true } : {}) });
}

/** Notes a loss on something that was imported all the same (it is not counted as skipped). */
export function noteLoss(report: ImportReport, kind: string, wpId: number | null, reason: string): void {
  report.skipped.push({ kind, wpId, reason });
}

export function addLost(report: ImportReport, lost: Record<string, number>): void {
  for (const [kind, n] of Object.entries(lost)) report.contentLost[kind] = (report.contentLost[kind] ?? 0) + n;
}

/** Adds what `part` (one item's report, once its transaction committed) counted to `report`. */
export function mergeReport(report: ImportReport, part: ImportReport): void {
  for (const [kind, counts] of Object.entries(part.counts)) {
    const into = (report.counts[kind] ??= { created: 0, updated: 0, unchanged: 0, skipped: 0 });
    for (const outcome of Object.keys(counts) as Outcome[]) into[outcome] += counts[outcome];
  }
  report.skipped.push(...part.skipped);
  addLost(report, part.contentLost);
  report.creditLines.understood += part.creditLines.understood;
  report.creditLines.notUnderstood += part.creditLines.notUnderstood;
}

/** The report as lines for a terminal: counts per kind, then what was lost and skipped. */
export function formatReport(report: ImportReport): string[] {
  const lines: string[] = [];
  lines.push(`${report.dryRun ? 'Dry run (nothing written)' : 'Imported'}: ${report.records} records from ${report.files.join(', ')} in ${(report.ms / 1000).toFixed(1)} s.`);
  if (report.resumedAfter > 0) lines.push(`Resumed after ${report.resumedAfter} records an earlier run had committed.`);
  for (const [kind, c] of Object.entries(report.counts).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${kind.padEnd(11)} created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}, skipped ${c.skipped}`);
  }
  const lost = Object.entries(report.contentLost);
  if (lost.length > 0) lines.push(`Kept as text, not as blocks: ${lost.map(([kind, n]) => `${kind} ${n}`).join(', ')}.`);
  lines.push(`Credit lines: ${report.creditLines.understood} became credits, ${report.creditLines.notUnderstood} not understood (left in the body).`);
  if (report.skipped.length > 0) {
    lines.push(`Skipped or imported with a loss (${report.skipped.length}):`);
    for (const thing of report.skipped.slice(0, 50)) lines.push(`  ${thing.kind} ${thing.wpId ?? '-'}: ${thing.failed ? 'failed: ' : ''}${thing.reason}`);
    if (report.skipped.length > 50) lines.push(`  … and ${report.skipped.length - 50} more (the --report file lists them all).`);
  }
  return lines;
}
