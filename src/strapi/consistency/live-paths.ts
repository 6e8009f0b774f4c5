import type { SiteTrailSettings } from '../../core/trail';
import { sitePaths } from './site-paths';

/**
 * The paths readers can open, per locale: one URL space per locale, so a French redirect is
 * judged against French pages only. Each locale has its own home and blog index ("/en",
 * "/en/blog"); a redirect with no locale (hand-written, imported) is judged against all pages.
 */
export class LivePaths {
  private readonly byLocale = new Map<string, Set<string>>();
  private readonly all: Set<string>;

  constructor(private readonly site: SiteTrailSettings) {
    this.all = new Set(sitePaths(site, null));
  }

  add(locale: string | null | undefined, path: string): void {
    this.all.add(path);
    if (locale) this.localeSet(locale).add(path);
  }

  /** What is live in `locale`; with no locale, what is live in any. */
  in(locale: string | null | undefined): ReadonlySet<string> {
    return locale ? this.localeSet(locale) : this.all;
  }

  private localeSet(locale: string): Set<string> {
    let paths = this.byLocale.get(locale);
    if (!paths) {
      paths = new Set(sitePaths(this.site, locale));
      for (const path of paths) this.all.add(path);
      this.byLocale.set(locale, paths);
    }
    return paths;
  }
}
