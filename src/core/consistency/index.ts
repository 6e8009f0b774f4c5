export { findCycles } from './findCycles';
export { diffDerived } from './diffDerived';
export { canonicalJson } from './canonicalJson';
export { checkRedirects } from './checkRedirects';
export type { RedirectFinding, RedirectFindingKind, RedirectRepair } from './types';
export { findPathCollisions, ownerKey } from './findPathCollisions';
export type { DuplicatePath, PathHolder, ReservedPathHit } from './findPathCollisions';
