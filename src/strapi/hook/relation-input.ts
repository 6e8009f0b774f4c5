/**
 * What a write asks of a to-one relation, whatever shape the caller used. REST and code send
 * a documentId or `{ connect: [...] }`, GraphQL a documentId, the Content Manager
 * `{ connect: [{ id, documentId, locale }], disconnect: [...] }` (its edit form, before saving,
 * `{ connect: [{ id, apiData: { id, documentId, locale } }] }`).
 */
export type RelationIntent =
  | { kind: 'unchanged' }
  | { kind: 'clear' }
  | { kind: 'set'; documentId?: string; id?: number; locale?: string | null };

export function readRelationIntent(data: Record<string, unknown>, field: string): RelationIntent {
  if (!(field in data)) return { kind: 'unchanged' };
  return readValue(data[field]);
}

function readValue(value: unknown): RelationIntent {
  if (value === null || value === undefined || value === '') return { kind: 'clear' };
  if (typeof value === 'string') return { kind: 'set', documentId: value };
  if (typeof value === 'number') return { kind: 'set', id: value };
  if (Array.isArray(value)) return value.length === 0 ? { kind: 'clear' } : readValue(value[value.length - 1]);
  if (typeof value !== 'object') return { kind: 'unchanged' };

  const record = value as Record<string, unknown>;
  if ('set' in record) return readValue(record.set);
  if (Array.isArray(record.connect) && record.connect.length > 0) {
    return readValue(record.connect[record.connect.length - 1]);
  }
  if ('connect' in record && !Array.isArray(record.connect) && record.connect) return readValue(record.connect);
  if (Array.isArray(record.disconnect) && record.disconnect.length > 0) return { kind: 'clear' };
  // The edit form holds a picked relation as { id, label, status, apiData: { id, documentId, locale } }
  // and sends apiData on save; the preview reads the form as it stands.
  if (record.apiData && typeof record.apiData === 'object') return readValue(record.apiData);
  if (typeof record.documentId === 'string' || typeof record.id === 'number') {
    return {
      kind: 'set',
      documentId: typeof record.documentId === 'string' ? record.documentId : undefined,
      id: typeof record.id === 'number' ? record.id : undefined,
      locale: typeof record.locale === 'string' ? record.locale : undefined,
    };
  }
  return { kind: 'unchanged' };
}
