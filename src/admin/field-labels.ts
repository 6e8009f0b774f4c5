import { FIELD_LABELS, type FieldLabels } from '../strapi/bootstrap/field-labels';
import { FIELD_LABELS_FR } from '../strapi/bootstrap/field-labels-fr';

/** Admin interface languages Colophon translates its field labels and descriptions into. */
export const FIELD_LABEL_TABLES: Readonly<Record<string, FieldLabels>> = { fr: FIELD_LABELS_FR };

/**
 * The admin messages that translate field labels, for `config.translations[locale]`. The
 * Content Manager formats each label with the id `content-manager.content-types.<uid>.<field>`
 * (edit view and list headers) or `content-manager.components.<uid>.<field>` (a component's
 * fields), falling back to the label stored in the view configuration: English, from
 * FIELD_LABELS, or an administrator's own.
 */
export function labelMessages(table: FieldLabels): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const [uid, fields] of Object.entries(table)) {
    const kind = uid.includes('::') ? 'content-types' : 'components';
    for (const [field, text] of Object.entries(fields)) messages[`content-manager.${kind}.${uid}.${field}`] = text.label;
  }
  return messages;
}

/**
 * English description → translated description. Descriptions, unlike labels, reach the form
 * without any translation id, and the edit layout does not say which type a field belongs to;
 * so they are matched by their English text. An administrator's own wording matches nothing
 * and is shown as written.
 */
export function descriptionTranslations(english: FieldLabels, translated: FieldLabels): Map<string, string> {
  const map = new Map<string, string>();
  for (const [uid, fields] of Object.entries(english)) {
    for (const [field, text] of Object.entries(fields)) {
      const other = translated[uid]?.[field]?.description;
      if (other) map.set(text.description, other);
    }
  }
  return map;
}

interface HintedField {
  hint?: string;
}
/** The part of the Content Manager's EditLayout (Admin/CM/pages/EditView/mutate-edit-view-layout) this touches. */
interface EditLayoutArgs<F extends HintedField = HintedField> {
  layout: { layout: F[][][]; components: Record<string, { layout: F[][] }> };
}

/** The edit layout with every description found in `translations` replaced, components included. */
export function translateHints<A extends EditLayoutArgs>(args: A, translations: ReadonlyMap<string, string> | undefined): A {
  if (!translations) return args;
  const translate = <F extends HintedField>(field: F): F =>
    field.hint && translations.has(field.hint) ? { ...field, hint: translations.get(field.hint) } : field;
  const { layout } = args;
  const components = Object.fromEntries(
    Object.entries(layout.components).map(([uid, component]) => [uid, { ...component, layout: component.layout.map((row) => row.map(translate)) }])
  );
  return { ...args, layout: { ...layout, components, layout: layout.layout.map((panel) => panel.map((row) => row.map(translate))) } };
}

const DESCRIPTIONS: Record<string, Map<string, string>> = Object.fromEntries(
  Object.entries(FIELD_LABEL_TABLES).map(([locale, table]) => [locale, descriptionTranslations(FIELD_LABELS, table)])
);

/**
 * The Content Manager hook that shows field descriptions in the admin's interface language.
 * That language is the one Strapi's admin keeps under `strapi-admin-language` in localStorage
 * (its LanguageProvider reads the same key); the edit view recomputes its layout each time it
 * opens, so a language chosen in the profile applies to the next form opened.
 */
export function translateFieldHints<A extends EditLayoutArgs>(args: A): A {
  // Through globalThis, so that the node side (unit tests) compiles this file without the DOM types.
  const storage = (globalThis as { localStorage?: { getItem(key: string): string | null } }).localStorage;
  const stored = storage?.getItem('strapi-admin-language');
  const language = (stored ?? 'en').toLowerCase().split(/[-_]/)[0]!;
  return translateHints(args, DESCRIPTIONS[language]);
}

/** For `config.translations` in src/admin/app.tsx: French labels under the Content Manager's ids. */
export const FIELD_LABEL_MESSAGES: Record<string, Record<string, string>> = Object.fromEntries(
  Object.entries(FIELD_LABEL_TABLES).map(([locale, table]) => [locale, labelMessages(table)])
);
