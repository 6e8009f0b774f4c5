import { boundTags, DEFAULT_TAG_BOUNDS, type TagBounds } from './cacheTags';

/** One attribute of a content type or component, as far as walking an answer needs it. */
export interface AttributeShape {
  type: string;
  /** A relation's (or media's) target uid. */
  target?: string;
  /** A component attribute's component uid. */
  component?: string;
}

/** What the walk needs to know of the app's schemas; the wiring reads it from Strapi. */
export interface SchemaReader {
  /** The attributes of a content type or component uid, or undefined for one not known. */
  attributes(uid: string): Record<string, AttributeShape> | undefined;
}

/** A document found in an answer: its type, documentId, and the locale and path it showed, if it did. */
export interface AnswerDocument {
  uid: string;
  documentId: string;
  locale: string | null;
  path: string | null;
}

/**
 * Every document an answer shows, found by walking `data` (a REST answer's `data`: one document
 * or a list) along the schema of `uid`: relations, components (repeatable or not) and dynamic
 * zones (by each item's `__component`). Objects without a string `documentId` (components) are
 * walked but not listed. Cycles cannot occur in JSON; depth is bounded by what was populated.
 */
export function collectAnswerDocuments(uid: string, data: unknown, schema: SchemaReader): AnswerDocument[] {
  const found: AnswerDocument[] = [];
  const walk = (owner: string, value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(owner, item);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    if (typeof object.documentId === 'string') {
      found.push({
        uid: owner,
        documentId: object.documentId,
        locale: typeof object.locale === 'string' ? object.locale : null,
        path: typeof object.path === 'string' ? object.path : null,
      });
    }
    const attributes = schema.attributes(owner);
    if (!attributes) return;
    for (const [name, attribute] of Object.entries(attributes)) {
      const nested = object[name];
      if (nested === undefined || nested === null) continue;
      if ((attribute.type === 'relation' || attribute.type === 'media') && attribute.target) walk(attribute.target, nested);
      else if (attribute.type === 'component' && attribute.component) walk(attribute.component, nested);
      else if (attribute.type === 'dynamiczone' && Array.isArray(nested)) {
        for (const item of nested) {
          const component = (item as Record<string, unknown> | null)?.__component;
          if (typeof component === 'string') walk(component, item);
        }
      }
    }
  };
  walk(uid, data);
  return found;
}

/**
 * The paths above `path` at which a category of its trail can live: every proper prefix of one
 * segment or more (`/en/blog/monde/x` gives `/en`, `/en/blog`, `/en/blog/monde`). A page's
 * path and breadcrumbs are made of its categories' paths, so the categories on its trail are
 * exactly those stored at these paths in its locale.
 */
export function trailPrefixes(path: string): string[] {
  const segments = path.split('/').filter(Boolean);
  const prefixes: string[] = [];
  for (let length = 1; length < segments.length; length += 1) prefixes.push(`/${segments.slice(0, length).join('/')}`);
  return prefixes;
}

/**
 * The tags of one public answer: `documentTags` (each document it shows, the categories on their
 * trails, the Sources they credit), then `coarseTags` (`site`, which every public answer carries;
 * `list:<uid>` for a list or search of a type; `redirects` where redirect rules decide it).
 * Bounded like any tag list (core boundTags): document tags that do not fit give way, from the
 * last, to their type's `list:<uid>`, which every change to a document of that type names, so a
 * bounded answer is purged as surely, only less precisely. Coarse tags are never given away.
 */
export function answerTags(
  input: { documentTags: readonly string[]; coarseTags: readonly string[]; coarser: (tag: string) => string | null },
  bounds: TagBounds = DEFAULT_TAG_BOUNDS
): string[] {
  const coarse = [...new Set(input.coarseTags)];
  const precise = [...new Set(input.documentTags)].filter((tag) => !coarse.includes(tag));
  const bounded = boundTags([...coarse, ...precise], input.coarser, bounds);
  const coarseSet = new Set(coarse);
  return [...bounded.filter((tag) => !coarseSet.has(tag)), ...bounded.filter((tag) => coarseSet.has(tag))];
}
