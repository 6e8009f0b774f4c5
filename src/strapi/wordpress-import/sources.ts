import { matchSourceHint, type SourceHint } from '../../core/wordpress/matchSourceHint';
import type { ImportContext } from './context';

interface KnownSource {
  documentId: string;
  name: string;
  website: string | null;
}

/**
 * The Sources credits name, found by web site or name (core's matchSourceHint) among those
 * the app has, or created. A Source is created when first met, before the item that names it
 * opens its transaction and in a transaction of its own, one at a time: items imported side by
 * side (PostgreSQL) then share it, where one made inside an item's transaction could not be
 * linked by another until that item committed, and two items meeting it at once would make
 * two. An item that fails afterwards leaves its new Source in place, reported as created.
 */
export class SourceBook {
  private known: KnownSource[] | null = null;
  /** The resolve in progress: resolves run one after another, so a Source is made once. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly context: ImportContext) {}

  /** The documentId of the Source `hint` names, creating it when none does; null for a dry run's new Source. */
  resolve(hint: SourceHint): Promise<string | null> {
    if (!hint.name && !hint.website) return Promise.resolve(null);
    const next = this.queue.then(() => this.findOrCreate(hint));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async findOrCreate(hint: SourceHint): Promise<string | null> {
    const known = await this.load();
    const index = matchSourceHint(hint, known);
    if (index >= 0) return this.context.dryRun && known[index].documentId.startsWith('(') ? null : known[index].documentId;
    const name = hint.name?.trim() || hostName(hint.website!);
    this.context.report.counts.source ??= { created: 0, updated: 0, unchanged: 0, skipped: 0 };
    if (this.context.dryRun) {
      known.push({ documentId: `(new source ${name})`, name, website: hint.website ?? null });
      this.context.report.counts.source.created += 1;
      return null;
    }
    const created: any = await this.context.strapi
      .documents(this.context.types.source as any)
      .create({ data: { name: name.slice(0, 200), ...(hint.website ? { website: hint.website } : {}), kind: 'outlet' } } as any);
    known.push({ documentId: created.documentId, name, website: hint.website ?? null });
    this.context.report.counts.source.created += 1;
    return created.documentId;
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
