import { matchSourceHint, type SourceHint } from '../../core/wordpress/matchSourceHint';
import type { ImportContext } from './context';

interface KnownSource {
  documentId: string;
  name: string;
  website: string | null;
}

/**
 * The Sources credits name, found by web site or name (core's matchSourceHint) among those
 * the app has, or created in the item's transaction. Sources made by an item that then fails
 * are forgotten with it (`rollBack`), so a later item does not link to a row that is gone.
 */
export class SourceBook {
  private known: KnownSource[] | null = null;
  private pending: KnownSource[] = [];

  constructor(private readonly context: ImportContext) {}

  /** The documentId of the Source `hint` names, creating it (in the caller's transaction) when none does. */
  async resolve(hint: SourceHint): Promise<string | null> {
    if (!hint.name && !hint.website) return null;
    const known = await this.load();
    const all = [...known, ...this.pending];
    const index = matchSourceHint(hint, all);
    if (index >= 0) return all[index].documentId;
    const name = hint.name?.trim() || hostName(hint.website!);
    if (this.context.dryRun) {
      this.pending.push({ documentId: `(new source ${name})`, name, website: hint.website ?? null });
      return null;
    }
    const created: any = await this.context.strapi
      .documents(this.context.types.source as any)
      .create({ data: { name: name.slice(0, 200), ...(hint.website ? { website: hint.website } : {}), kind: 'outlet' } } as any);
    this.pending.push({ documentId: created.documentId, name, website: hint.website ?? null });
    this.context.report.counts.source ??= { created: 0, updated: 0, unchanged: 0, skipped: 0 };
    this.context.report.counts.source.created += 1;
    return created.documentId;
  }

  commit(): void {
    this.known?.push(...this.pending);
    this.pending = [];
  }

  rollBack(): void {
    const counts = this.context.report.counts.source;
    if (counts) counts.created -= this.pending.length;
    this.pending = [];
  }

  private async load(): Promise<KnownSource[]> {
    if (this.known) return this.known;
    const rows: any[] = await this.context.strapi.db.query(this.context.types.source as any).findMany({ select: ['documentId', 'name', 'website'] });
    const byDocument = new Map<string, KnownSource>();
    for (const row of rows) byDocument.set(row.documentId, { documentId: row.documentId, name: row.name ?? '', website: row.website ?? null });
    this.known = [...byDocument.values()];
    return this.known;
  }
}

function hostName(website: string): string {
  try {
    return new URL(website).hostname.replace(/^www\./, '');
  } catch {
    return website;
  }
}
