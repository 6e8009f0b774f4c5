import type { Core } from '@strapi/strapi';
import { checkConsistency, type ConsistencyReport, type Finding } from './index';

/**
 * What `npm run rederive -- --check` and `-- --fix` do once Strapi is loaded, apart from the
 * process around it, so tests can run it against their own database. Prints through `print`,
 * one line a finding, and returns the exit code: 0 when nothing is (or is left) wrong, else 1.
 */
export async function runConsistencyCommand(strapi: Core.Strapi, mode: 'check' | 'fix', print: (line: string) => void): Promise<number> {
  const printFinding = (finding: Finding) => print(formatFinding(finding));
  if (mode === 'check') {
    const report = await checkConsistency(strapi, { onFinding: printFinding });
    print(report.total === 0 ? 'Consistent: nothing found.' : `Found ${report.total}: ${formatCounts(report)}.`);
    return report.total === 0 ? 0 : 1;
  }

  const repaired = await checkConsistency(strapi, { fix: true, onFinding: printFinding });
  print(repaired.total === 0 ? 'Nothing to repair.' : `Repaired what could be of ${repaired.total}: ${formatCounts(repaired)}.`);
  if (repaired.total === 0) return 0;
  print('Checking again:');
  const left = await checkConsistency(strapi, { onFinding: printFinding });
  print(left.total === 0 ? 'Consistent: nothing left.' : `Left after repair ${left.total}: ${formatCounts(left)}.`);
  return left.total === 0 ? 0 : 1;
}

export function formatFinding(finding: Finding): string {
  return `[${finding.kind}] ${finding.message}`;
}

/** Only the counts that are not zero: `derived 3, cycles 1`. */
export function formatCounts(report: ConsistencyReport): string {
  return Object.entries(report.counts)
    .filter(([, count]) => count > 0)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
}
