import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { sql } from '../database/schema';
import { WORDPRESS_ITEMS_TABLE, type WordpressKind } from './models';

/** What an earlier run made of one WordPress thing. */
export interface ImportedThing {
  documentId: string;
  locale: string | null;
  fingerprint: string;
  /** When the import last wrote it (absent when only just remembered). */
  importedAt?: Date | string | null;
}

/**
 * The import's memory of what each WordPress id became (./models.ts), for one export's site.
 * Reads and writes run in the caller's transaction, so an item rolled back forgets it was made.
 */
export class IdMap {
  constructor(
    private readonly strapi: Core.Strapi,
    readonly site: string
  ) {}

  async find(trx: unknown, kind: WordpressKind, wpId: number): Promise<ImportedThing | null> {
    const row = await sql(this.strapi, trx, WORDPRESS_ITEMS_TABLE)
      .select('document_id as documentId', 'locale', 'fingerprint', 'imported_at as importedAt')
      .where({ site: this.site, kind, wp_id: wpId })
      .first();
    return row ? { documentId: String(row.documentId), locale: row.locale ?? null, fingerprint: String(row.fingerprint ?? ''), importedAt: row.importedAt ?? null } : null;
  }

  /** What each of `wpIds` became, where an earlier run made it: one query per 500 ids. */
  async findMany(trx: unknown, kind: WordpressKind, wpIds: number[]): Promise<Map<number, ImportedThing>> {
    const found = new Map<number, ImportedThing>();
    for (let i = 0; i < wpIds.length; i += 500) {
      const rows = await sql(this.strapi, trx, WORDPRESS_ITEMS_TABLE)
        .select('wp_id as wpId', 'document_id as documentId', 'locale', 'fingerprint', 'imported_at as importedAt')
        .where({ site: this.site, kind })
        .whereIn('wp_id', wpIds.slice(i, i + 500));
      for (const row of rows) {
        found.set(Number(row.wpId), { documentId: String(row.documentId), locale: row.locale ?? null, fingerprint: String(row.fingerprint ?? ''), importedAt: row.importedAt ?? null });
      }
    }
    return found;
  }

  /** Every id of `kind` with what it became, for lookups done many times per run (categories). */
  async all(trx: unknown, kind: WordpressKind): Promise<Map<number, ImportedThing>> {
    const rows = await sql(this.strapi, trx, WORDPRESS_ITEMS_TABLE)
      .select('wp_id as wpId', 'document_id as documentId', 'locale', 'fingerprint')
      .where({ site: this.site, kind });
    return new Map(rows.map((row: any) => [Number(row.wpId), { documentId: String(row.documentId), locale: row.locale ?? null, fingerprint: String(row.fingerprint ?? '') }]));
  }

  async remember(trx: unknown, kind: WordpressKind, wpId: number, thing: ImportedThing): Promise<void> {
    const values = { document_id: thing.documentId, locale: thing.locale, fingerprint: thing.fingerprint, imported_at: new Date() };
    const updated = await sql(this.strapi, trx, WORDPRESS_ITEMS_TABLE).where({ site: this.site, kind, wp_id: wpId }).update(values);
    if (Number(updated) === 0) await sql(this.strapi, trx, WORDPRESS_ITEMS_TABLE).insert({ site: this.site, kind, wp_id: wpId, ...values });
  }

  /** remember() for many at once: the old rows of those ids replaced in a few statements. */
  async rememberMany(trx: unknown, kind: WordpressKind, things: Array<{ wpId: number; thing: ImportedThing }>): Promise<void> {
    const importedAt = new Date();
    for (let i = 0; i < things.length; i += 200) {
      const chunk = things.slice(i, i + 200);
      await sql(this.strapi, trx, WORDPRESS_ITEMS_TABLE).where({ site: this.site, kind }).whereIn('wp_id', chunk.map((entry) => entry.wpId)).delete();
      await sql(this.strapi, trx, WORDPRESS_ITEMS_TABLE).insert(
        chunk.map(({ wpId, thing }) => ({ site: this.site, kind, wp_id: wpId, document_id: thing.documentId, locale: thing.locale, fingerprint: thing.fingerprint, imported_at: importedAt }))
      );
    }
  }

  async forget(trx: unknown, kind: WordpressKind, wpId: number): Promise<void> {
    await sql(this.strapi, trx, WORDPRESS_ITEMS_TABLE).where({ site: this.site, kind, wp_id: wpId }).delete();
  }
}

/** A stable hash of what an import would write: equal fingerprints mean nothing to update. */
export function fingerprintOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 32);
}

/**
 * A stand-in WordPress id for a thing the export names without one (a WXR 1.0 category has no
 * term_id; an image known only by its URL): negative, so it never meets a real id.
 */
export function syntheticId(key: string): number {
  return -(createHash('sha256').update(key).digest().readUInt32BE(0) & 0x7fffffff) - 1;
}
