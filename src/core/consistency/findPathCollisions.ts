import type { ReservedPath } from '../trail/planReservedPaths';

/** One document holding a public path in a locale (any of its rows, draft or published). */
export interface PathHolder {
  uid: string;
  documentId: string;
  locale: string;
  path: string;
  /** Its title or name, for the report. */
  label: string;
  /** The lowest row id of the document in that locale: who was there first, when nothing else says. */
  firstRowId: number;
}

export interface DuplicatePath {
  locale: string;
  path: string;
  /** Who keeps the path: the holder the claims table names, else the one there first. */
  keeper: PathHolder;
  /** Everyone else on it, first row first: each is a finding, and a repair moves each away. */
  others: PathHolder[];
}

export interface ReservedPathHit {
  holder: PathHolder;
  /** What the Site keeps the path for: "the home page of locale en". */
  reason: string;
}

/** The owner key a claims table row and a PathHolder share: uid and documentId. */
export function ownerKey(owner: { uid: string; documentId: string }): string {
  return `${owner.uid}\u0000${owner.documentId}`;
}

/**
 * The faults in a URL space that one path, one page forbids: two documents on one path of
 * a locale (`duplicates`), and a document on a path the Site reserves (`reserved`: one of
 * `reserved`, or a path `insideReserved` says lies in another locale's URL space, e.g.
 * findReservedPath). `holders` may name a document once per row: each (locale, path, owner)
 * counts once. `claimedBy(locale, path)` tells which owner (ownerKey) the claims table gives
 * the path to, if any: that one keeps it. Results are ordered by locale, then path.
 */
export function findPathCollisions(
  holders: Iterable<PathHolder>,
  reserved: readonly ReservedPath[],
  insideReserved: (path: string, locale: string) => string | null,
  claimedBy: (locale: string, path: string) => string | undefined = () => undefined
): { duplicates: DuplicatePath[]; reserved: ReservedPathHit[] } {
  const byPath = new Map<string, Map<string, PathHolder>>();
  for (const holder of holders) {
    const key = `${holder.locale}\u0000${holder.path}`;
    let owners = byPath.get(key);
    if (!owners) byPath.set(key, (owners = new Map()));
    const owner = ownerKey(holder);
    const known = owners.get(owner);
    if (!known || holder.firstRowId < known.firstRowId) owners.set(owner, holder);
  }
  const reservedAt = new Map(reserved.map((entry) => [`${entry.locale}\u0000${entry.path}`, entry.reason]));

  const duplicates: DuplicatePath[] = [];
  const reservedHits: ReservedPathHit[] = [];
  const keys = [...byPath.keys()].sort();
  for (const key of keys) {
    const owners = [...byPath.get(key)!.values()].sort((a, b) => a.firstRowId - b.firstRowId || a.uid.localeCompare(b.uid));
    const [{ locale, path }] = owners;
    const reason = reservedAt.get(key) ?? insideReserved(path, locale);
    if (reason) {
      for (const holder of owners) reservedHits.push({ holder, reason });
      continue;
    }
    if (owners.length < 2) continue;
    const claimed = claimedBy(locale, path);
    const keeper = owners.find((holder) => ownerKey(holder) === claimed) ?? owners[0];
    duplicates.push({ locale, path, keeper, others: owners.filter((holder) => holder !== keeper) });
  }
  return { duplicates, reserved: reservedHits };
}
