import type { Core } from '@strapi/strapi';
import { FIELD_LABELS, READ_ONLY_FIELDS, type FieldText } from './field-labels';

export { READ_ONLY_FIELDS } from './field-labels';

const LAYOUT_FLAG = { type: 'core', name: 'colophon', key: 'edit-layouts-v1' } as const;

interface Metadata {
  edit?: { label?: string; description?: string; editable?: boolean; visible?: boolean; mainField?: unknown };
  list?: { label?: string };
}
interface Configuration {
  settings?: Record<string, unknown>;
  metadatas?: Record<string, Metadata>;
  layouts?: { edit?: Array<Array<{ name: string; size: number }>>; list?: string[] };
}

/**
 * Makes the Content Manager's edit and list views readable for editors, on every boot:
 * - labels and help lines from FIELD_LABELS, where a field still shows Strapi's default (its
 *   raw name, no description), so an administrator's own wording survives restarts;
 * - derived and server-recorded fields (READ_ONLY_FIELDS) shown but not editable: the hook
 *   overwrites them on every save, and an editable box would suggest otherwise;
 * - once per type, those read-only fields moved to the end of the edit view, after what the
 *   editor writes; a later reordering by an administrator is kept;
 * - credits in a repeatable list headed by their role rather than a blank header.
 */
export async function configureEditViews(strapi: Core.Strapi): Promise<void> {
  const contentManager = strapi.plugin('content-manager');
  const arranged = ((await strapi.store.get(LAYOUT_FLAG)) ?? {}) as Record<string, boolean>;
  let newlyArranged = false;

  for (const [uid, labels] of Object.entries(FIELD_LABELS)) {
    const component = (strapi.components as unknown as Record<string, unknown>)[uid];
    const isType = Boolean((strapi.contentTypes as unknown as Record<string, unknown>)[uid]);
    if (!component && !isType) continue;

    const service = contentManager.service(component ? 'components' : 'content-types');
    const target = { uid };
    const { uid: _uid, category: _category, ...configuration } = (await service.findConfiguration(target)) as Configuration & {
      uid: string;
      category?: string;
    };
    const before = JSON.stringify(configuration);
    const readOnly = READ_ONLY_FIELDS[uid] ?? [];

    applyLabels(configuration, labels);
    for (const field of readOnly) {
      const edit = configuration.metadatas?.[field]?.edit;
      if (edit) edit.editable = false;
    }
    if (component && configuration.settings && configuration.settings.mainField !== 'role') {
      configuration.settings = { ...configuration.settings, mainField: 'role' };
    }
    if (!arranged[uid] && readOnly.length > 0) {
      moveToEnd(configuration, new Set(readOnly));
      arranged[uid] = true;
      newlyArranged = true;
    }

    if (JSON.stringify(configuration) !== before) await service.updateConfiguration(target, configuration);
  }
  if (newlyArranged) await strapi.store.set({ ...LAYOUT_FLAG, value: arranged });
}

function applyLabels(configuration: Configuration, labels: Record<string, FieldText>): void {
  for (const [field, text] of Object.entries(labels)) {
    const metadata = configuration.metadatas?.[field];
    if (!metadata) continue;
    if (metadata.edit) {
      if (!metadata.edit.label || metadata.edit.label === field) metadata.edit.label = text.label;
      if (!metadata.edit.description) metadata.edit.description = text.description;
    }
    if (metadata.list && (!metadata.list.label || metadata.list.label === field)) metadata.list.label = text.label;
  }
}

/** Rows holding only read-only fields go last, in their order; mixed rows are split. */
function moveToEnd(configuration: Configuration, fields: Set<string>): void {
  const rows = configuration.layouts?.edit;
  if (!rows) return;
  const written: typeof rows = [];
  const derived: typeof rows = [];
  for (const row of rows) {
    const mine = row.filter((cell) => !fields.has(cell.name));
    const theirs = row.filter((cell) => fields.has(cell.name));
    if (mine.length) written.push(mine);
    if (theirs.length) derived.push(theirs);
  }
  configuration.layouts!.edit = [...written, ...derived];
}
