/**
 * The locale a public path names by its first segment ("/en/blog/x" -> "en"), among the
 * site's `locales`, or null when the first segment is not one of them (a path of the default
 * locale, or a site without prefixes). Compared case-insensitively, as localePathPrefix
 * lowercases; returns the code as the site spells it.
 */
export function readPathLocale(path: string, locales: readonly string[]): string | null {
  const first = path.split('/')[1]?.toLowerCase();
  if (!first) return null;
  return locales.find((locale) => locale.toLowerCase() === first) ?? null;
}
