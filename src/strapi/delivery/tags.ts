import type { Core } from '@strapi/strapi';
import { commentsTag, documentTag, listTag, SITE_TAG } from '../../core/delivery';
import { colophonConfig } from '../colophon-config';

/** The cache tags of one app's content types: documentTag by uid, and the coarser tag of each. */
export interface TagVocabulary {
  documentTag(uid: string, documentId: string): string;
  listTag(uid: string): string;
  /** The list tag a document tag falls back to when an answer has too many (core's boundTags). */
  coarser(tag: string): string | null;
  /**
   * What a document tag falls back to when a change names too many (a repair of hundreds of
   * rows): `site`, which every public answer carries. A list tag would not do: a single
   * document's answer does not carry its type's list tag, or every edit would purge every page.
   */
  changeCoarser(tag: string): string | null;
  /** Every content type whose answers Colophon derives, for a change that touches them all (the Site). */
  allLists(): string[];
}

const vocabularies = new WeakMap<object, TagVocabulary>();

/** The vocabulary for `strapi`'s content types, built once. */
export function tagVocabulary(strapi: Core.Strapi): TagVocabulary {
  const known = vocabularies.get(strapi);
  if (known) return known;
  const byType = new Map<string, string>();
  for (const [uid, contentType] of Object.entries(strapi.contentTypes as Record<string, any>)) {
    if (uid.startsWith('api::')) byType.set(contentType.info.singularName, uid);
  }
  const typeOf = (uid: string) => (strapi.contentTypes as Record<string, any>)[uid]?.info?.singularName ?? uid;
  const { trails, attribution } = colophonConfig(strapi);
  const vocabulary: TagVocabulary = {
    documentTag: (uid, documentId) => documentTag(typeOf(uid), documentId),
    listTag,
    coarser(tag) {
      if (tag.startsWith('comments:')) return listTag('api::comment.comment');
      const separator = tag.indexOf(':');
      const uid = separator > 0 ? byType.get(tag.slice(0, separator)) : undefined;
      return uid && tag !== listTag(uid) && !tag.startsWith('list:') ? listTag(uid) : null;
    },
    changeCoarser: (tag) => (tag === SITE_TAG || tag.startsWith('list:') || tag === 'redirects' ? null : SITE_TAG),
    allLists: () =>
      [...new Set([...trails.targets.map((target) => target.uid), trails.categoryUid, attribution.sourceUid, trails.redirectUid])].map(listTag),
  };
  vocabularies.set(strapi, vocabulary);
  return vocabulary;
}

export { commentsTag, SITE_TAG };
