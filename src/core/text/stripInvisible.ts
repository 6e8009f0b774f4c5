/**
 * Bidirectional embeddings, overrides and isolates (Unicode UAX #9: LRE, RLE, PDF, LRO, RLO,
 * LRI, RLI, FSI, PDI). They reorder what follows them on screen, so `…/\u202Egpj.exe` displays
 * as `…/exe.jpg`. No title, name or comment needs them: a browser lays right-to-left text out
 * without them (the marks LRM, RLM and ALM, which cannot reverse a run, are kept).
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** Characters that draw nothing and join or split nothing a reader would see (UTS #39 "Default_Ignorable" subset). */
const ZERO_WIDTH = /[\u200B\u2060-\u2064\uFEFF\u180E]/g;

/**
 * Zero-width (non-)joiners shape Persian, Indic and emoji text between two visible
 * characters; anywhere else (at an end, beside a space) they only hide things, and a run of
 * them shapes nothing one would not.
 */
const JOINER_RUNS = /([\u200C\u200D])[\u200C\u200D]+/g;
const STRAY_JOINERS = /(?<=^|\s)[\u200C\u200D]+|[\u200C\u200D]+(?=$|\s)/gu;

/** Between two ASCII characters a joiner shapes nothing; it only splits a word a filter looks for ("via\u200Dgra"). */
const JOINERS_IN_ASCII = /(?<=[\x21-\x7E])[\u200C\u200D]+(?=[\x21-\x7E])/g;

/**
 * `text` without the invisible characters that make it read differently from what it says:
 * bidi controls, zero-width spaces and word joiners, a byte-order mark, and joiners that join
 * nothing. Everything a reader sees stays as it is.
 */
export function stripInvisible(text: string): string {
  return text.replace(BIDI_CONTROLS, '').replace(ZERO_WIDTH, '').replace(JOINER_RUNS, '$1').replace(STRAY_JOINERS, '').replace(JOINERS_IN_ASCII, '');
}
