import type { Core } from '@strapi/strapi';
import type { Credit } from '../../core/attribution';
import { colophonConfig } from '../colophon-config';
import { toCoverImage, type CoverImage } from '../attribution/load-covers';
import { toCredit, type CreditFields, type SourceFields } from '../attribution/load-credits';
import { readRelationIntent } from '../hook/relation-input';
import { failAt } from '../hook/write-context';

const SOURCE_FIELDS = ['name', 'kind', 'website', 'license', 'licenseUrl', 'allowsRepublication', 'language', 'syndication', 'acquireLicensePage'];

/**
 * The credits an edit form holds, as derivation will read them once saved: each entry's own
 * fields, and the Source it links to read from the database (never the form's copy of it).
 * The Content Manager sends a relation it did not change as `{ connect: [], disconnect: [] }`,
 * so an untouched entry of a saved document (it has a component `id`) keeps its stored Source.
 * An entry that is not an object, or names a Source that does not exist, is a 400 on its path.
 */
export async function readFormCredits(strapi: Core.Strapi, entries: unknown[]): Promise<Credit[]> {
  const { creditsField, creditUid, sourceUid } = colophonConfig(strapi).attribution;
  const roleDefault = (strapi.components[creditUid as keyof typeof strapi.components] as any)?.attributes?.role?.default ?? null;
  const credits: Credit[] = [];
  for (const [index, entry] of entries.entries()) {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) failAt([creditsField, index], `${creditsField}[${index}] must be an object`);
    const fields = entry as Record<string, unknown>;
    const intent = readRelationIntent(fields, 'source');
    let source: SourceFields | null = null;
    if (intent.kind === 'set') {
      source = await strapi.db.query(sourceUid as any).findOne({
        where: intent.documentId ? { documentId: intent.documentId } : { id: intent.id },
        select: SOURCE_FIELDS,
      });
      if (!source) failAt([creditsField, index, 'source'], `${creditsField}[${index}].source: unknown source ${intent.documentId ?? `#${intent.id}`}`);
    } else if (intent.kind === 'unchanged' && typeof fields.id === 'number') {
      const stored = await strapi.db.query(creditUid as any).findOne({
        where: { id: fields.id },
        select: ['id'],
        populate: { source: { select: SOURCE_FIELDS } },
      });
      source = stored?.source ?? null;
    }
    credits.push(toCredit({ ...(fields as unknown as CreditFields), role: (fields.role as Credit['role']) ?? roleDefault }, source));
  }
  return credits;
}

/**
 * The cover an edit form holds: the Content Manager keeps the chosen file as an object with
 * its `id`, REST sends the id alone. Its URL is read from the upload table, not from the form.
 */
export async function readFormCover(strapi: Core.Strapi, value: unknown, caption: unknown, field: string): Promise<CoverImage | null> {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return null;
  const chosen = Array.isArray(value) ? value[0] : value;
  const id = typeof chosen === 'number' ? chosen : typeof chosen === 'object' && chosen ? (chosen as { id?: unknown }).id : undefined;
  if (typeof id !== 'number') failAt([field], `${field} must be a file id or a file with its id`);
  const file = await strapi.db.query('plugin::upload.file').findOne({ where: { id }, select: ['url'] });
  if (!file) failAt([field], `${field}: unknown file #${id}`);
  return toCoverImage(strapi, file.url, caption);
}
