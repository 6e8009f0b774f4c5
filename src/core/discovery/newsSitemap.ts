/** Google News sitemaps list articles first published within the last two days, at most 1 000 (Google Search Central, "Create a news sitemap"). */
export const NEWS_WINDOW_HOURS = 48;
export const NEWS_MAX_URLS = 1000;

/** The earliest first-publication time a news sitemap built at `now` lists. */
export function newsWindowStart(now: Date, hours = NEWS_WINDOW_HOURS): Date {
  return new Date(now.getTime() - hours * 3600_000);
}

/**
 * `<news:language>` for a locale: the ISO 639 language code, lowercased (`pt-BR` gives `pt`),
 * except Chinese, which Google wants as `zh-cn` (simplified) or `zh-tw` (traditional), told
 * apart by script or region (`zh-Hant`, `zh-TW`, `zh-HK`, `zh-MO` are traditional).
 */
export function newsLanguage(locale: string): string {
  const parts = locale.trim().toLowerCase().split(/[-_]/);
  if (parts[0] !== 'zh') return parts[0];
  return parts.slice(1).some((part) => ['hant', 'tw', 'hk', 'mo'].includes(part)) ? 'zh-tw' : 'zh-cn';
}
