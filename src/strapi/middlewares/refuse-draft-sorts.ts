import type { Core } from '@strapi/strapi';
import { fieldError } from '../errors';

/**
 * The field paths a sort names, in every shape Strapi accepts: `'a.b:asc'`, `'a:asc,b'`,
 * `{ a: { b: 'asc' } }`, and arrays of these. `['articles', 'title']` for `articles.title:desc`.
 */
export function sortPaths(sort: unknown): string[][] {
  const paths: string[][] = [];
  const visit = (value: unknown, prefix: string[]): void => {
    if (Array.isArray(value)) value.forEach((item) => visit(item, prefix));
    else if (typeof value === 'string') {
      if (prefix.length > 0 && /^(asc|desc)$/i.test(value.trim())) {
        paths.push(prefix);
        return;
      }
      for (const part of value.split(',')) {
        const field = part.trim().split(':')[0];
        if (field) paths.push([...prefix, ...field.split('.')]);
      }
    } else if (value && typeof value === 'object') {
      for (const [key, nested] of Object.entries(value)) visit(nested, [...prefix, key]);
    }
  };
  visit(sort, []);
  return paths;
}

/**
 * A reader's sort that walks a relation into a draft & publish type (`sort=articles.title`
 * on categories), or into another locale's versions (`localizations`), would order the
 * answer by rows the reader may not see: sorting categories by their draft articles' titles
 * lets anyone binary-search an embargoed headline. Strapi narrows neither, so such a sort is
 * refused with a 400 naming `sort`; sorts on the type's own fields, and through relations to
 * types without drafts (an article's `category.name`), are untouched.
 */
export function refuseSortsThroughDrafts(strapi: Core.Strapi, uid: string, sort: unknown): void {
  for (const path of sortPaths(sort)) {
    let model: any = strapi.getModel(uid as any);
    for (const segment of path) {
      const attribute = model?.attributes?.[segment];
      if (!attribute) break;
      if (attribute.type === 'component') {
        model = strapi.getModel(attribute.component);
        continue;
      }
      if (attribute.type !== 'relation') break;
      const target: any = strapi.getModel(attribute.target);
      if (segment === 'localizations' || target?.options?.draftAndPublish) {
        const message = `sort: "${path.join('.')}" orders by ${segment}, whose unpublished versions readers cannot see; sort by fields of the type itself, or of a related type without drafts`;
        throw fieldError(message, 'sort');
      }
      model = target;
    }
  }
}
