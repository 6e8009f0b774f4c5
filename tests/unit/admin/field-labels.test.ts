import { descriptionTranslations, FIELD_LABEL_MESSAGES, labelMessages, translateHints } from '../../../src/admin/field-labels';
import { FIELD_LABELS } from '../../../src/strapi/bootstrap/field-labels';
import { FIELD_LABELS_FR } from '../../../src/strapi/bootstrap/field-labels-fr';

const fieldsOf = (table: Record<string, Record<string, unknown>>) =>
  Object.entries(table).flatMap(([uid, fields]) => Object.keys(fields).map((field) => `${uid}.${field}`)).sort();

describe('French field labels and descriptions', () => {
  it('cover exactly the fields the English table covers', () => {
    expect(fieldsOf(FIELD_LABELS_FR)).toEqual(fieldsOf(FIELD_LABELS));
  });

  it('give every field a label and a description of its own', () => {
    for (const [uid, fields] of Object.entries(FIELD_LABELS_FR)) {
      for (const [field, text] of Object.entries(fields)) {
        expect({ field: `${uid}.${field}`, label: text.label.trim() !== '', description: text.description.trim() !== '' }).toEqual({
          field: `${uid}.${field}`,
          label: true,
          description: true,
        });
      }
    }
  });

  it('hold no ICU syntax in labels, which the admin formats as messages', () => {
    const unsafe = Object.values(FIELD_LABELS_FR)
      .flatMap((fields) => Object.values(fields).map((text) => text.label))
      .filter((label) => /[{}<>']/.test(label));
    expect(unsafe).toEqual([]);
  });

  it('translate one English description one way only, since descriptions are matched by their text', () => {
    const seen = new Map<string, Set<string>>();
    for (const [uid, fields] of Object.entries(FIELD_LABELS)) {
      for (const [field, text] of Object.entries(fields)) {
        const french = FIELD_LABELS_FR[uid]![field]!.description;
        seen.set(text.description, new Set([...(seen.get(text.description) ?? []), french]));
      }
    }
    const ambiguous = [...seen].filter(([, french]) => french.size > 1).map(([english]) => english);
    expect(ambiguous).toEqual([]);
  });

  it('are registered under the ids the Content Manager formats labels with', () => {
    const messages = labelMessages(FIELD_LABELS_FR);
    expect(messages['content-manager.content-types.api::article.article.coverCaption']).toBe('Légende de l’image');
    expect(messages['content-manager.components.editorial.credit.role']).toBe('Rôle');
    expect(FIELD_LABEL_MESSAGES.fr).toEqual(messages);
  });
});

describe('translateHints', () => {
  const french = descriptionTranslations(FIELD_LABELS, FIELD_LABELS_FR);
  const title = { name: 'title', hint: FIELD_LABELS['api::article.article']!.title!.description };
  const own = { name: 'excerpt', hint: 'Our own house rule.' };
  const role = { name: 'role', hint: FIELD_LABELS['editorial.credit']!.role!.description };
  const args = {
    layout: { layout: [[[title, own]]], components: { 'editorial.credit': { layout: [[role]] } }, options: {} },
    query: { locale: 'fr' },
  };

  it('shows French descriptions in the form and in its components, and keeps an administrator’s own wording', () => {
    const translated = translateHints(args, french);
    expect(translated.layout.layout[0]![0]!.map((field) => field.hint)).toEqual(['Le titre, tel que les lecteurs le voient.', 'Our own house rule.']);
    expect(translated.layout.components['editorial.credit']!.layout[0]![0]!.hint).toBe('Original, auteur, photo, traduction, adaptation ou via.');
    expect(translated.query).toBe(args.query);
  });

  it('leaves the layout as it is in a language without a table', () => {
    expect(translateHints(args, undefined)).toBe(args);
  });
});
