/** `slug` within `maxLength`, cut after its last whole word (a hard cut for one long word), never ending on a hyphen. */
export function cutSlug(slug: string, maxLength: number): string {
  if (slug.length <= maxLength) return slug;
  const head = slug.slice(0, maxLength + 1);
  const lastHyphen = head.lastIndexOf('-');
  // A single word longer than the limit has no boundary to cut at.
  const cut = lastHyphen > 0 ? head.slice(0, lastHyphen) : head.slice(0, maxLength);
  return cut.replace(/-+$/, '');
}
