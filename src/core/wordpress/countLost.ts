/**
 * What a conversion could not carry into Strapi's blocks, counted by kind (`table`, `embed`,
 * `gallery`, `media`, `script`, `link`, `image`, `shortcode:<name>`, or a Gutenberg block's
 * name such as `core/latest-posts`). The importer reports it; nothing reads it back.
 */
export type LostTally = Record<string, number>;

/** Adds one to `kind` in the tally. */
export function countLost(lost: LostTally, kind: string): void {
  lost[kind] = (lost[kind] ?? 0) + 1;
}
