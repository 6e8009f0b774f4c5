/**
 * The paths readers can open, per locale: one URL space per locale, so a French redirect is
 * judged against French pages only. The site's own pages (home, blog index) live in every
 * locale; a redirect with no locale (hand-written, imported) is judged against all of them.
 */
export class LivePaths {
  private readonly byLocale = new Map<string, Set<string>>();
  private readonly everywhere: Set<string>;
  private readonly all: Set<string>;

  constructor(sitePaths: Iterable<string>) {
    this.everywhere = new Set(sitePaths);
    this.all = new Set(this.everywhere);
  }

  add(locale: string | null | undefined, path: string): void {
    this.all.add(path);
    if (!locale) return;
    let paths = this.byLocale.get(locale);
    if (!paths) this.byLocale.set(locale, (paths = new Set(this.everywhere)));
    paths.add(path);
  }

  /** What is live in `locale`; with no locale, what is live in any. */
  in(locale: string | null | undefined): ReadonlySet<string> {
    if (!locale) return this.all;
    return this.byLocale.get(locale) ?? this.everywhere;
  }
}
