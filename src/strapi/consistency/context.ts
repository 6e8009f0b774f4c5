import type { LivePaths } from './live-paths';
import type { Core } from '@strapi/strapi';
import type { DerivationInputs } from '../hook/derive-target';
import type { FindingLog } from './report';
import type { PathHolder } from '../../core/consistency';

/** What every step of one checker run shares. */
export interface CheckContext {
  strapi: Core.Strapi;
  /** Repair what is found, batch by batch, rather than only report it. */
  fix: boolean;
  log: FindingLog;
  /**
   * The site settings and category tree to derive from, inside a batch's transaction. A check
   * reads them once; a repair reads them again under the lock in each batch, so it never writes
   * a trail computed from a tree an editor has changed since.
   */
  inputsFor(trx: unknown): Promise<DerivationInputs>;
  /**
   * A check's live paths, gathered as the trail checks walk the rows: the path each category
   * and published row will have once repaired (its stored path when no trail can be built).
   * Judging redirects by these, one stale row is one finding, not also a dead redirect that a
   * repair would not delete. A repair has none: it reads the paths it has just written, under
   * the lock, right before it deletes anything.
   */
  livePaths: LivePaths | null;
  /**
   * Every path a category or a target row holds (draft or published) once repaired, gathered
   * by the trail checks for the URL-space check (duplicate and reserved paths, the ledger).
   */
  pathHolders: PathHolder[];
  /** Owners (ownerKey) of the rows the trail checks found with a stale path: judged there, not again against the ledger. */
  stalePathOwners: Set<string>;
}
