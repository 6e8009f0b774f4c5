/** What the checker can find. Each kind is tallied under one of the report's counts. */
export type FindingKind =
  | 'derived'
  | 'cycle'
  | 'broken-category'
  | 'broken-trail'
  | 'comment-count'
  | 'dead-redirect'
  | 'shadowing-redirect'
  | 'redirect-chain'
  | 'redirect-loop'
  | 'duplicate-path'
  | 'duplicate-slug'
  | 'reserved-path'
  | 'claim';

/** One problem, one line for a person (`message`), plus where it is for a program. */
export interface Finding {
  kind: FindingKind;
  uid?: string;
  /** Row id. */
  id?: number;
  documentId?: string;
  locale?: string | null;
  /** For `derived`: the fields whose stored value is not what derivation gives. */
  fields?: string[];
  message: string;
}

export interface ConsistencyCounts {
  /** Rows (categories and trail targets) with at least one stale derived field. */
  derived: number;
  /** Category cycles, each counted once however many categories it has. */
  cycles: number;
  deadRedirects: number;
  shadowingRedirects: number;
  /** Redirects whose target is redirected again, loops included. */
  redirectChains: number;
  /** Article rows whose commentCount is not their document's number of approved comments. */
  commentCounts: number;
  /** Categories whose trail cannot be built (on or under a cycle, or too deep), and rows filed in them. */
  brokenCategories: number;
  /** Documents on a path another document of the locale holds (each but the one that keeps it). */
  duplicatePaths: number;
  /** Trail targets of a locale with a slug another document of their type holds (each but the one that keeps it). */
  duplicateSlugs: number;
  /** Documents on a path the Site reserves (a locale's home, its blog index, another locale's URL space). */
  reservedPaths: number;
  /** Paths and slugs the ledger does not give to the document holding them, and ledger entries no document holds. */
  claims: number;
}

export interface ConsistencyReport {
  counts: ConsistencyCounts;
  /** The sum of the counts. */
  total: number;
  /** Whether repairs were made (checkConsistency with `fix: true`). */
  fixed: boolean;
  /** The first MAX_KEPT_FINDINGS findings; onFinding sees them all. */
  findings: Finding[];
}

/** Enough to read a report, little enough to hold when a bulk import left every row stale. */
export const MAX_KEPT_FINDINGS = 1000;

const COUNTED_AS: Record<FindingKind, keyof ConsistencyCounts> = {
  derived: 'derived',
  cycle: 'cycles',
  'broken-category': 'brokenCategories',
  'broken-trail': 'brokenCategories',
  'comment-count': 'commentCounts',
  'dead-redirect': 'deadRedirects',
  'shadowing-redirect': 'shadowingRedirects',
  'redirect-chain': 'redirectChains',
  'redirect-loop': 'redirectChains',
  'duplicate-path': 'duplicatePaths',
  'duplicate-slug': 'duplicateSlugs',
  'reserved-path': 'reservedPaths',
  claim: 'claims',
};

/** Tallies every finding, keeps the first few, and hands each to the caller as it comes. */
export class FindingLog {
  readonly counts: ConsistencyCounts = {
    derived: 0,
    cycles: 0,
    deadRedirects: 0,
    shadowingRedirects: 0,
    redirectChains: 0,
    commentCounts: 0,
    brokenCategories: 0,
    duplicatePaths: 0,
    duplicateSlugs: 0,
    reservedPaths: 0,
    claims: 0,
  };
  private readonly kept: Finding[] = [];

  constructor(private readonly onFinding?: (finding: Finding) => void) {}

  add(finding: Finding): void {
    this.counts[COUNTED_AS[finding.kind]] += 1;
    if (this.kept.length < MAX_KEPT_FINDINGS) this.kept.push(finding);
    this.onFinding?.(finding);
  }

  report(fixed: boolean): ConsistencyReport {
    const total = Object.values(this.counts).reduce((sum, count) => sum + count, 0);
    return { counts: { ...this.counts }, total, fixed, findings: [...this.kept] };
  }
}

/** How a finding names a row: `api::article.article #12 (fr, published)`. */
export function describeRow(uid: string, row: { id: number; locale?: string | null; published?: boolean }): string {
  const details = [row.locale, row.published === undefined ? null : row.published ? 'published' : 'draft'].filter(Boolean);
  return `${uid} #${row.id}${details.length ? ` (${details.join(', ')})` : ''}`;
}
