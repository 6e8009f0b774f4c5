export interface Redirect {
  from: string;
  to: string;
}

export interface RedirectPlan {
  upserts: Redirect[];
  /** `from` values of redirects to remove. */
  deletes: string[];
}

/**
 * Plans the redirect table changes for a path that moved from `change.from`
 * to `change.to`. Chains are collapsed so a reader never follows more than
 * one hop, and a path that becomes live again stops redirecting.
 */
export function planRedirect(existing: ReadonlyArray<Redirect>, change: Redirect): RedirectPlan {
  if (change.from === change.to) return { upserts: [], deletes: [] };

  const upserts = new Map<string, Redirect>();
  const deletes = new Set<string>();
  for (const redirect of existing) {
    if (redirect.from === change.to) {
      deletes.add(redirect.from);
    } else if (redirect.to === change.from) {
      upserts.set(redirect.from, { from: redirect.from, to: change.to });
    } else if (redirect.from === redirect.to) {
      // A self-loop would send readers round in circles; drop it while we are here.
      deletes.add(redirect.from);
    }
  }
  upserts.set(change.from, { from: change.from, to: change.to });
  for (const from of upserts.keys()) deletes.delete(from);
  return { upserts: [...upserts.values()], deletes: [...deletes] };
}
