/**
 * The name an erased commenter's comments show, by language (BCP 47 primary subtag), and the
 * text that replaces an erased comment's words when its author asked for that too. WordPress
 * uses its translated "Anonymous" the same way (wp_comments_personal_data_eraser).
 */
const LABELS: Record<string, { name: string; text: string }> = {
  en: { name: 'Anonymous', text: 'This comment was deleted at its author’s request.' },
  fr: { name: 'Anonyme', text: 'Ce commentaire a été supprimé à la demande de son auteur.' },
  de: { name: 'Anonym', text: 'Dieser Kommentar wurde auf Wunsch seines Verfassers gelöscht.' },
  es: { name: 'Anónimo', text: 'Este comentario se eliminó a petición de su autor.' },
  it: { name: 'Anonimo', text: 'Questo commento è stato eliminato su richiesta del suo autore.' },
  pt: { name: 'Anónimo', text: 'Este comentário foi eliminado a pedido do seu autor.' },
  nl: { name: 'Anoniem', text: 'Deze reactie is op verzoek van de auteur verwijderd.' },
  el: { name: 'Ανώνυμος', text: 'Το σχόλιο διαγράφηκε κατόπιν αιτήματος του συντάκτη του.' },
  uk: { name: 'Анонім', text: 'Коментар видалено на прохання автора.' },
};

/** The anonymous name and deleted-text label for `locale` (e.g. 'fr', 'pt-BR'), English when the language has none. */
export function anonymousLabels(locale: string | null | undefined): { name: string; text: string } {
  const language = (locale ?? '').toLowerCase().split('-')[0];
  return LABELS[language] ?? LABELS.en;
}
