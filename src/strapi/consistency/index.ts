import type { Core } from '@strapi/strapi';
import { colophonConfig } from '../colophon-config';
import { loadDerivationInputs } from '../hook/cascade';
import { checkCategoryCycles, checkCategoryTrails } from './categories';
import type { CheckContext } from './context';
import { LivePaths } from './live-paths';
import { checkRedirectTable } from './redirects';
import { FindingLog, type ConsistencyReport, type Finding } from './report';
import { checkTargetRows } from './targets';
import { checkUrlSpace } from './url-space';
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
 * two pages on one path, a page on a path the Site reserves, paths and slugs the ledger does
 * not give to the document holding them, and dead, shadowing, chained and looping redirects. With `fix`, it repairs them as it goes and
 * the report lists what it repaired; run it again to see what, if anything, is left.
 *
 * The order matters for a repair: cycles are broken first so the categories and articles
 * below them can be re-derived, and redirects come last so they are judged by the paths the
 * repair has just corrected.
 */
export async function checkConsistency(strapi: Core.Strapi, options: CheckOptions = {}): Promise<ConsistencyReport> {
  const fix = options.fix === true;
  const log = new FindingLog(options.onFinding);

  const context: CheckContext = {
    strapi,
    fix,
    log,
    inputsFor: (trx) => loadDerivationInputs(strapi, trx),
    livePaths: null,
    pathHolders: [],
    stalePathOwners: new Set(),
  };
  await checkCategoryCycles(context);
  if (!fix) {
    const inputs = await inTransaction(strapi, false, (trx) => loadDerivationInputs(strapi, trx));
    context.inputsFor = async () => inputs;
    context.livePaths = new LivePaths(inputs.site);
  }
  await checkCategoryTrails(context);
  for (const target of colophonConfig(strapi).trails.targets) await checkTargetRows(context, target);
  // After the trails (a repair has put every row on its derived path), before the redirects
  // (which are judged by where pages live once the URL space is sound).
  await checkUrlSpace(context);
  await checkRedirectTable(context);
  return log.report(fix);
}
