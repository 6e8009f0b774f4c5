/**
 * Why a reader reports a comment: a fixed list, so moderators can filter and count, and a
 * reporter cannot use the reason as a channel. The names follow the categories most platforms'
 * report forms offer (spam, harassment, hate speech, false information, personal data).
 */
export const REPORT_REASONS = ['spam', 'harassment', 'hate', 'misinformation', 'personal-data', 'off-topic', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** Reports that send an approved comment back to pending, when COMMENT_REPORTS_TO_HOLD is not set. */
export const DEFAULT_REPORTS_TO_HOLD = 3;
/** The longest note a reporter may add, in characters. */
export const REPORT_NOTE_MAX_LENGTH = 500;

/** A report as a reader sends it, checked. */
export interface ReportFields {
  reason: ReportReason;
  note: string | null;
}

/**
 * Reads `{ reason, note? }`: reason one of REPORT_REASONS, note optional text of at most
 * REPORT_NOTE_MAX_LENGTH characters, control characters (but newlines) removed and trimmed.
 * Returns the fields, or the first problem with its field's name. Nothing about the comment is
 * checked here: a report's answer never depends on the comment (see the report endpoint).
 */
export function readReportFields(data: unknown): ReportFields | { path: string; message: string } {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { path: 'reason', message: `reason is required: one of ${REPORT_REASONS.join(', ')}` };
  const { reason, note, ...rest } = data as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length) return { path: unknown[0], message: `A report takes only reason and note. Not allowed: ${unknown.join(', ')}` };
  if (typeof reason !== 'string' || !(REPORT_REASONS as readonly string[]).includes(reason)) {
    return { path: 'reason', message: `reason must be one of ${REPORT_REASONS.join(', ')}` };
  }
  if (note !== undefined && note !== null && typeof note !== 'string') return { path: 'note', message: 'note must be text' };
  const clean = typeof note === 'string' ? note.replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g, '').trim() : '';
  if (clean.length > REPORT_NOTE_MAX_LENGTH) return { path: 'note', message: `note must be at most ${REPORT_NOTE_MAX_LENGTH} characters` };
  return { reason: reason as ReportReason, note: clean || null };
}

/** Whether `openReports` reports hold an approved comment back for a moderator: at `threshold` or more (0 never). */
export function holdsForReports(openReports: number, threshold: number): boolean {
  return threshold > 0 && openReports >= threshold;
}

/**
 * The reasons of a comment's open reports as the moderation queue shows them: most frequent
 * first, then by REPORT_REASONS order, each with its count when above one, e.g.
 * "harassment ×2, spam". Empty when there are none.
 */
export function summarizeReportReasons(reasons: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const order = (reason: string) => (REPORT_REASONS as readonly string[]).indexOf(reason);
  return [...counts.entries()]
    .sort(([a, x], [b, y]) => y - x || order(a) - order(b))
    .map(([reason, count]) => (count > 1 ? `${reason} ×${count}` : reason))
    .join(', ');
}

/** Checks COMMENT_REPORTS_TO_HOLD: a whole number from 0 (never hold) to 1 000. Throws an Error naming the variable otherwise. */
export function checkReportsToHold(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 1000) throw new Error(`COMMENT_REPORTS_TO_HOLD must be a whole number from 0 to 1000, not ${value}`);
  return value;
}
