const UNSAFE_IN_SCRIPT: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * The `<script type="application/ld+json">…</script>` block for a JSON-LD value, safe to inline
 * in HTML as it is. Inside a script element the HTML parser ends the block at the first
 * `</script` whatever the JSON says, and `<!--` changes how it scans; so `<`, `>` and `&` are
 * written as JSON's \u003c, \u003e and \u0026, which parse back to the same characters (HTML
 * Living Standard, "Restrictions for contents of script elements"). U+2028 and U+2029 are
 * escaped too, for old JavaScript parsers.
 */
export function renderJsonLdScript(data: unknown): string {
  const json = JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (ch) => UNSAFE_IN_SCRIPT[ch]!);
  return `<script type="application/ld+json">${json}</script>`;
}
