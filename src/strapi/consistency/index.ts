import type { Core } from '@strapi/strapi';
import { colophonConfig } from '../colophon-config';
import { loadDerivationInputs } from '../hook/cascade';
import { checkCategoryCycles, checkCategoryTrails } from './categories';
import type { CheckContext } from './context';
import { LivePaths } from './live-paths';
import { checkRedirectTable } from './redirects';
import { FindingLog, type ConsistencyReport, type Finding } from './report';
import { checkTargetRows } from './targets';
import { inTransaction } from './transactions';

export type { ConsistencyCounts, ConsistencyReport, Finding, FindingKind } from './report';
export { MAX_KEPT_FINDINGS } from './report';

export interface CheckOptions {
  /** Repair what is found, in batches, each in its own transaction. */
  fix?: boolean;
  /** Sees every finding as it is made, including those past the report's cap. */
  onFinding?: (finding: Finding) => void;
}

/**
 * Recomputes every derived value Colophon stores (category and target trails, attribution,
 * seo, structured data, comment counts) and every redirect's target, and reports what differs
 * from the database: stale rows, category cycles, categories whose trail cannot be built,
 * dead, shadowing, chained and looping redirects. With `fix`, it repairs them as it goes and
 * the report lists what it repaired; run it again to see what, if anything, is left.
 *
 * The order matters for a repair: cycles are broken first so the categories and articles
 * below them can be re-derived, and redirects come last so they are judged by the paths the
 * repair has just corrected.
 */
export async function checkConsistency(strapi: Core.Strapi, options: CheckOptions = {}): Promise<ConsistencyReport> {
  const fix = options.fix === true;
  const log = new FindingLog(options.onFinding);

  const context: CheckContext = { strapi, fix, log, inputsFor: (trx) => loadDerivationInputs(strapi, trx), livePaths: null };
  await checkCategoryCycles(context);
  if (!fix) {
    const inputs = await inTransaction(strapi, false, (trx) => loadDerivationInputs(strapi, trx));
    context.inputsFor = async () => inputs;
    context.livePaths = new LivePaths(inputs.site);
  }
  await checkCategoryTrails(context);
  for (const target of colophonConfig(strapi).trails.targets) await checkTargetRows(context, target);
  await checkRedirectTable(context);
  return log.report(fix);
}
