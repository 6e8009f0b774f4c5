/**
 * The words of every notification mail and link page, by language (BCP 47 primary subtag);
 * English when the site's default locale has none. Values are plain text: the composers
 * escape them for HTML.
 */
export interface NotificationWords {
  digestSubject(site: string, waiting: number): string;
  digestIntro(waiting: number, fresh: number, reported: number): string;
  digestOpenQueue: string;
  digestMore(count: number): string;
  digestReported(count: number): string;
  replySubject(site: string, replier: string): string;
  replyIntro(replier: string, article: string): string;
  replyYouWrote: string;
  replyRead: string;
  unsubscribeFooter(site: string): string;
  unsubscribeLink: string;
  confirmSubject(site: string): string;
  confirmIntro(site: string, article: string): string;
  confirmButton: string;
  confirmIgnore(days: number): string;
  pageConfirmed: string;
  pageConfirmAsk: string;
  pageUnsubscribed: string;
  pageUnsubscribeAsk: string;
  pageUnsubscribeButton: string;
  pageInvalid: string;
  untitled: string;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

const EN: NotificationWords = {
  digestSubject: (site, waiting) => `[${site}] ${plural(waiting, 'comment waits', 'comments wait')} for moderation`,
  digestIntro: (waiting, fresh, reported) =>
    `${plural(waiting, 'comment waits', 'comments wait')} for moderation, ${fresh} of them new since the last digest` +
    (reported > 0 ? `; ${plural(reported, 'was', 'were')} held back by readers' reports.` : '.'),
  digestOpenQueue: 'Open the moderation queue',
  digestMore: (count) => `… and ${plural(count, 'more', 'more')}.`,
  digestReported: (count) => `reported ${count}×`,
  replySubject: (site, replier) => `[${site}] ${replier} replied to your comment`,
  replyIntro: (replier, article) => `${replier} replied to your comment on “${article}”:`,
  replyYouWrote: 'You wrote:',
  replyRead: 'Read the conversation',
  unsubscribeFooter: (site) => `You get this mail because you asked ${site} to tell you of replies to your comments.`,
  unsubscribeLink: 'Stop these mails',
  confirmSubject: (site) => `[${site}] Confirm your address for reply notifications`,
  confirmIntro: (site, article) => `You asked ${site} to email you when someone replies to your comment on “${article}”. Confirm that this address is yours:`,
  confirmButton: 'Confirm my address',
  confirmIgnore: (days) => `If you did not ask for this, ignore this mail: nothing is sent to you unless you confirm, and this link stops working in ${days} days.`,
  pageConfirmed: 'Your address is confirmed: you will get a mail when someone replies to your comment.',
  pageConfirmAsk: 'Get a mail when someone replies to your comment?',
  pageUnsubscribed: 'Done: you will get no more mails about replies to your comments.',
  pageUnsubscribeAsk: 'Stop the mails about replies to your comments?',
  pageUnsubscribeButton: 'Stop these mails',
  pageInvalid: 'This link is not valid, or it has expired.',
  untitled: 'an article',
};

const FR: NotificationWords = {
  digestSubject: (site, waiting) => `[${site}] ${plural(waiting, 'commentaire attend', 'commentaires attendent')} la modération`,
  digestIntro: (waiting, fresh, reported) =>
    `${plural(waiting, 'commentaire attend', 'commentaires attendent')} la modération, dont ${fresh} depuis le dernier récapitulatif` +
    (reported > 0 ? ` ; ${plural(reported, 'a été retenu', 'ont été retenus')} par des signalements de lecteurs.` : '.'),
  digestOpenQueue: 'Ouvrir la file de modération',
  digestMore: (count) => `… et ${count} de plus.`,
  digestReported: (count) => `signalé ${count} fois`,
  replySubject: (site, replier) => `[${site}] ${replier} a répondu à votre commentaire`,
  replyIntro: (replier, article) => `${replier} a répondu à votre commentaire sur « ${article} » :`,
  replyYouWrote: 'Vous aviez écrit :',
  replyRead: 'Lire la conversation',
  unsubscribeFooter: (site) => `Vous recevez ce message parce que vous avez demandé à ${site} de vous signaler les réponses à vos commentaires.`,
  unsubscribeLink: 'Ne plus recevoir ces messages',
  confirmSubject: (site) => `[${site}] Confirmez votre adresse pour être averti des réponses`,
  confirmIntro: (site, article) =>
    `Vous avez demandé à ${site} de vous écrire quand quelqu’un répond à votre commentaire sur « ${article} ». Confirmez que cette adresse est la vôtre :`,
  confirmButton: 'Confirmer mon adresse',
  confirmIgnore: (days) => `Si vous n’avez rien demandé, ignorez ce message : rien ne vous sera envoyé sans confirmation, et ce lien expire dans ${days} jours.`,
  pageConfirmed: 'Votre adresse est confirmée : vous recevrez un message quand quelqu’un répondra à votre commentaire.',
  pageConfirmAsk: 'Recevoir un message quand quelqu’un répond à votre commentaire ?',
  pageUnsubscribed: 'C’est fait : vous ne recevrez plus de messages sur les réponses à vos commentaires.',
  pageUnsubscribeAsk: 'Ne plus recevoir les messages sur les réponses à vos commentaires ?',
  pageUnsubscribeButton: 'Ne plus recevoir ces messages',
  pageInvalid: 'Ce lien n’est pas valide, ou il a expiré.',
  untitled: 'un article',
};

const WORDS: Record<string, NotificationWords> = { en: EN, fr: FR };

const languageOf = (locale: string | null | undefined) => (locale ?? '').toLowerCase().split('-')[0];

/** The notification words for `locale` (e.g. 'fr', 'fr-BE'), English when its language has none. */
export function notificationWords(locale: string | null | undefined): NotificationWords {
  return WORDS[languageOf(locale)] ?? EN;
}

/** Whether `locale`'s language (e.g. 'fr' for 'fr-BE') has notification words of its own. */
export function hasNotificationWords(locale: string | null | undefined): boolean {
  return languageOf(locale) in WORDS;
}
