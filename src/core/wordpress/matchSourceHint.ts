import type { CreditDraft, SourceHint } from './extractCreditLines';

export type { CreditDraft, SourceHint };

/** A Source as the importer knows it: its name and, when it has one, its website. */
export interface KnownSource {
  name: string;
  website?: string | null;
}

// Public suffixes of two labels under which news sites commonly register (a short list rather
// than the whole Public Suffix List: a miss only loses a name ↔ host match, never makes a wrong one).
const TWO_LABEL_SUFFIXES = new Set([
  'co.uk', 'org.uk', 'me.uk', 'ltd.uk', 'plc.uk', 'net.uk', 'ac.uk', 'gov.uk',
  'com.au', 'net.au', 'org.au', 'edu.au', 'gov.au', 'co.nz', 'net.nz', 'org.nz',
  'co.za', 'org.za', 'co.jp', 'ne.jp', 'or.jp', 'co.kr', 'or.kr', 'co.in', 'net.in', 'org.in',
  'co.il', 'org.il', 'co.id', 'or.id', 'com.br', 'net.br', 'org.br', 'com.ar', 'com.mx', 'com.co',
  'com.pe', 'com.ve', 'com.uy', 'com.tr', 'com.cn', 'net.cn', 'org.cn', 'com.hk', 'com.tw', 'com.sg',
  'com.my', 'com.ph', 'com.vn', 'com.pk', 'com.eg', 'com.sa', 'com.lb', 'com.ua', 'org.ua', 'in.ua',
  'com.ru', 'org.ru', 'msk.ru', 'spb.ru', 'com.es', 'org.es', 'com.pl', 'co.at', 'or.at', 'gv.at',
  'gouv.fr', 'asso.fr', 'com.fr', 'qc.ca', 'gc.ca', 'co.ma', 'com.tn', 'com.dz', 'com.ng', 'co.ke',
]);

/** The host of a website written as a URL or a bare host, lower case, without `www.`; null when there is none. */
export function hostOfWebsite(website: string | null | undefined): string | null {
  if (typeof website !== 'string' || website.trim() === '') return null;
  const candidate = website.trim();
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(candidate) ? candidate : `https://${candidate}`);
    const host = url.hostname.toLowerCase().replace(/\.$/, '');
    return host.replace(/^www\d*\./, '') || null;
  } catch {
    return null;
  }
}

/** The label left of the host's public suffix (`rt` for francais.rt.com, `bbc` for news.bbc.co.uk), or null. */
export function registrableLabel(host: string): string | null {
  const domain = registrableDomain(host);
  return domain ? domain.split('.')[0] : null;
}

/** The host's registrable domain (`rt.com` for francais.rt.com), or null for an IP address or a bare suffix. */
function registrableDomain(host: string): string | null {
  const labels = host.split('.').filter((label) => label !== '');
  if (labels.length < 2 || labels.every((label) => /^\d+$/.test(label))) return null;
  const suffixLength = labels.length >= 3 && TWO_LABEL_SUFFIXES.has(labels.slice(-2).join('.')) ? 2 : 1;
  const start = labels.length - suffixLength - 1;
  return start >= 0 ? labels.slice(start).join('.') : null;
}

/** A name folded to lower-case letters and digits, accents dropped: "Réseau-International" → "reseauinternational". */
export function foldSourceName(name: string | null | undefined): string {
  if (typeof name !== 'string') return '';
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    // Upper then lower case folds what lower case alone does not ("ß" and "SS" to "ss").
    .toUpperCase()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

interface Side {
  name: string;
  host: string | null;
}

const side = (source: { name?: string | null; website?: string | null }): Side => ({
  name: foldSourceName(source.name),
  host: hostOfWebsite(source.website),
});

/**
 * How strongly two source descriptions name one outlet: 3 for the same host, 2 for the same
 * folded name, 1 for a name equal to the other's registrable label, 0 for no match. Symmetric.
 * Two websites on different registrable domains are two outlets whatever their names say.
 */
export function compareSources(a: { name?: string | null; website?: string | null }, b: { name?: string | null; website?: string | null }): 0 | 1 | 2 | 3 {
  const x = side(a);
  const y = side(b);
  if (x.host && y.host) {
    if (x.host === y.host) return 3;
    if (registrableDomain(x.host) !== registrableDomain(y.host)) return 0;
  }
  if (x.name && x.name === y.name) return 2;
  const labelOf = (host: string | null) => (host ? foldSourceName(registrableLabel(host)) : '');
  if ((x.name && x.name === labelOf(y.host)) || (y.name && y.name === labelOf(x.host))) return 1;
  return 0;
}

/**
 * The index in `known` of the Source that `hint` names, or -1.
 *
 * A hint names a Source when (strongest first): its website has the same host, scheme and a
 * leading `www.` ignored; or its name is the same once case, accents and punctuation are
 * folded away ("reseau international" = "Réseau-International"); or one's name is the other's
 * host's registrable label, the label left of its public suffix ("RT" ↔ www.rt.com,
 * "Réseau International" ↔ reseauinternational.net, "BBC" ↔ news.bbc.co.uk). Public suffixes
 * of two labels come from a short list of the common ones (co.uk, com.au, …) rather than the
 * Public Suffix List. Two websites on different registrable domains never match, whatever
 * the names. Among several matches the strongest wins, then the first. Internationalised
 * hosts are compared in their ASCII (xn--) form only, so they match by host, not by name.
 */
export function matchSourceHint(hint: SourceHint, known: ReadonlyArray<KnownSource>): number {
  let best = -1;
  let bestStrength = 0;
  known.forEach((source, index) => {
    const strength = compareSources(hint, source);
    if (strength > bestStrength) {
      best = index;
      bestStrength = strength;
    }
  });
  return best;
}

/**
 * The credits of one footer with their sources completed from each other, as new objects:
 * a source known only by its website takes the name of another credit's source that names
 * the same outlet ("Source : https://www.rt.com/…" with "Photo : … / RT" gives both
 * `{ name: 'RT', website: 'https://www.rt.com' }`), and a source known only by name takes the
 * website of another credit's source of the same outlet. Matching is matchSourceHint's; the
 * first match in footer order wins. Credits without a source are returned as they are.
 */
export function mergeSourceHints(credits: CreditDraft[]): CreditDraft[] {
  const hints = credits.map((credit) => (credit.source ? { ...credit.source } : undefined));
  hints.forEach((hint, index) => {
    if (!hint || hint.name || !hint.website) return;
    const named = hints.find((other, j) => j !== index && other?.name && compareSources(hint, other) > 0);
    if (named?.name) hint.name = named.name;
  });
  hints.forEach((hint, index) => {
    if (!hint || !hint.name || hint.website) return;
    const located = hints.find((other, j) => j !== index && other?.website && compareSources(hint, other) > 0);
    if (located?.website) hint.website = located.website;
  });
  return credits.map((credit, index) => {
    const hint = hints[index];
    return hint ? { ...credit, source: hint } : { ...credit };
  });
}
