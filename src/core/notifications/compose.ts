import escapeHtml from 'escape-html';
import { CONFIRM_LINK_DAYS } from './mailTokens';
import { notificationWords } from './messages';

/** A mail's content: a subject, a plain-text part and an HTML part saying the same. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** A comment as a digest lists it: never its author's address. */
export interface DigestComment {
  authorName: string;
  body: string;
  articleTitle: string | null;
  reportCount: number;
}

export interface ModeratorDigest {
  siteName: string;
  /** The site's default locale: the language of the mail. */
  locale: string;
  /** Every comment waiting (pending), old and new. */
  waiting: number;
  /** How many came since the last digest. */
  freshCount: number;
  /** The newest of those, newest first; the digest lists at most DIGEST_LIST_SIZE. */
  fresh: DigestComment[];
  /** Of the waiting, those that readers' reports sent back to pending. */
  reported: number;
  /** The admin's moderation queue, or null when the server's public URL is unknown. */
  queueUrl: string | null;
}

/** Comments a digest lists by name; the rest are counted. */
export const DIGEST_LIST_SIZE = 10;
/** Characters of a comment's text a mail quotes. */
export const EXCERPT_LENGTH = 280;

/**
 * Anything shaped like an email address in a text a mail quotes becomes `[email]`: a comment
 * may name someone's address, and no mail Colophon sends names another reader's.
 */
export function redactAddresses(text: string): string {
  return text.replace(/[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.\p{L}{2,}/gu, '[email]');
}

/** The first `length` characters of a comment, whitespace folded, addresses redacted, an ellipsis when cut. */
export function excerpt(text: string, length = EXCERPT_LENGTH): string {
  const folded = redactAddresses(text).replace(/\s+/gu, ' ').trim();
  const chars = [...folded];
  return chars.length <= length ? folded : `${chars.slice(0, length - 1).join('').trimEnd()}…`;
}

/**
 * The moderators' digest: how many comments wait, how many are new and how many readers'
 * reports held back, then the newest new ones (name, article, excerpt), and the link to the
 * queue. Authors are named as they signed; their addresses never appear.
 */
export function composeModeratorDigest(digest: ModeratorDigest): MailContent {
  const words = notificationWords(digest.locale);
  const listed = digest.fresh.slice(0, DIGEST_LIST_SIZE);
  const more = digest.freshCount - listed.length;
  const heading = (comment: DigestComment) =>
    `${redactAddresses(comment.authorName)} — ${comment.articleTitle ?? words.untitled}${comment.reportCount > 0 ? ` (${words.digestReported(comment.reportCount)})` : ''}`;
  const intro = words.digestIntro(digest.waiting, digest.freshCount, digest.reported);
  const text = [
    intro,
    '',
    ...listed.flatMap((comment) => [`* ${heading(comment)}`, `  ${excerpt(comment.body)}`, '']),
    ...(more > 0 ? [words.digestMore(more), ''] : []),
    ...(digest.queueUrl ? [`${words.digestOpenQueue}: ${digest.queueUrl}`] : []),
  ].join('\n');
  const html = page(
    [
      `<p>${escapeHtml(intro)}</p>`,
      listed.length > 0
        ? `<ul>${listed.map((comment) => `<li><strong>${escapeHtml(heading(comment))}</strong><br>${escapeHtml(excerpt(comment.body))}</li>`).join('')}</ul>`
        : '',
      more > 0 ? `<p>${escapeHtml(words.digestMore(more))}</p>` : '',
      digest.queueUrl ? `<p><a href="${escapeHtml(digest.queueUrl)}">${escapeHtml(words.digestOpenQueue)}</a></p>` : '',
    ].join(''),
    digest.locale,
    digest.siteName
  );
  return { subject: oneLine(words.digestSubject(digest.siteName, digest.waiting)), text, html };
}

export interface ReplyNotice {
  siteName: string;
  locale: string;
  articleTitle: string | null;
  /** The article's public page, with the reply's anchor; null when the site has no base URL. */
  articleUrl: string | null;
  replierName: string;
  replyBody: string;
  parentBody: string;
  unsubscribeUrl: string;
}

/**
 * The mail to a commenter when a reply to their comment is approved: who replied (their name
 * only), what they wrote, what the commenter had written, a link to the page, and a footer
 * saying why the mail came with its unsubscribe link.
 */
export function composeReplyNotice(notice: ReplyNotice): MailContent {
  const words = notificationWords(notice.locale);
  // A name is what the replier typed, and may be an address (or an account's username, often one).
  const replier = redactAddresses(notice.replierName);
  const intro = words.replyIntro(replier, notice.articleTitle ?? words.untitled);
  const reply = excerpt(notice.replyBody, EXCERPT_LENGTH * 2);
  const parent = excerpt(notice.parentBody);
  const footer = words.unsubscribeFooter(notice.siteName);
  const text = [
    intro,
    '',
    quote(reply),
    '',
    words.replyYouWrote,
    quote(parent),
    '',
    ...(notice.articleUrl ? [`${words.replyRead}: ${notice.articleUrl}`, ''] : []),
    '-- ',
    footer,
    `${words.unsubscribeLink}: ${notice.unsubscribeUrl}`,
  ].join('\n');
  const html = page(
    [
      `<p>${escapeHtml(intro)}</p>`,
      `<blockquote>${escapeHtml(reply)}</blockquote>`,
      `<p>${escapeHtml(words.replyYouWrote)}</p>`,
      `<blockquote>${escapeHtml(parent)}</blockquote>`,
      notice.articleUrl ? `<p><a href="${escapeHtml(notice.articleUrl)}">${escapeHtml(words.replyRead)}</a></p>` : '',
      `<hr><p><small>${escapeHtml(footer)} <a href="${escapeHtml(notice.unsubscribeUrl)}">${escapeHtml(words.unsubscribeLink)}</a></small></p>`,
    ].join(''),
    notice.locale,
    notice.siteName
  );
  return { subject: oneLine(words.replySubject(notice.siteName, replier)), text, html };
}

export interface ConfirmationRequest {
  siteName: string;
  locale: string;
  articleTitle: string | null;
  confirmUrl: string;
}

/** The double opt-in mail: what was asked, the confirmation link, and what happens if it is ignored (nothing). */
export function composeConfirmation(request: ConfirmationRequest): MailContent {
  const words = notificationWords(request.locale);
  const intro = words.confirmIntro(request.siteName, request.articleTitle ?? words.untitled);
  const ignore = words.confirmIgnore(CONFIRM_LINK_DAYS);
  const text = [intro, '', request.confirmUrl, '', ignore].join('\n');
  const html = page(
    [
      `<p>${escapeHtml(intro)}</p>`,
      `<p><a href="${escapeHtml(request.confirmUrl)}">${escapeHtml(words.confirmButton)}</a></p>`,
      `<p><small>${escapeHtml(ignore)}</small></p>`,
    ].join(''),
    request.locale,
    request.siteName
  );
  return { subject: oneLine(words.confirmSubject(request.siteName)), text, html };
}

/** What a mail link's page says. */
export type LinkPageOutcome = 'confirmed' | 'unsubscribed' | 'ask-confirm' | 'ask-unsubscribe' | 'invalid';

/**
 * The small HTML page a reader sees after following a mail link. `ask-confirm` and
 * `ask-unsubscribe` answer a GET of a link: a form that POSTs back to the same URL (no
 * `action`: the page's own, query included), because a GET must change nothing, since mail
 * scanners fetch every link (RFC 8058 section 3.2 says so of unsubscribing).
 */
export function composeLinkPage(options: { locale: string; siteName: string; outcome: LinkPageOutcome }): string {
  const words = notificationWords(options.locale);
  const form = (question: string, button: string, hidden = '') =>
    `<form method="post"><p>${escapeHtml(question)}</p>${hidden}<button type="submit">${escapeHtml(button)}</button></form>`;
  const body =
    options.outcome === 'confirmed'
      ? `<p>${escapeHtml(words.pageConfirmed)}</p>`
      : options.outcome === 'unsubscribed'
        ? `<p>${escapeHtml(words.pageUnsubscribed)}</p>`
        : options.outcome === 'ask-confirm'
          ? form(words.pageConfirmAsk, words.confirmButton)
          : options.outcome === 'ask-unsubscribe'
            ? form(words.pageUnsubscribeAsk, words.pageUnsubscribeButton, '<input type="hidden" name="List-Unsubscribe" value="One-Click">')
            : `<p>${escapeHtml(words.pageInvalid)}</p>`;
  return page(`<h1>${escapeHtml(options.siteName)}</h1>${body}`, options.locale, options.siteName);
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/** A subject is one header line: no line break a name or title could smuggle in. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/gu, ' ');
}

function page(body: string, locale = 'en', title = ''): string {
  return `<!doctype html><html lang="${escapeHtml(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}
