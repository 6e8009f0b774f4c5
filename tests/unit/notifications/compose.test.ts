import {
  composeConfirmation,
  composeLinkPage,
  composeModeratorDigest,
  composeReplyNotice,
  hasNotificationWords,
  DIGEST_LIST_SIZE,
  excerpt,
  redactAddresses,
  type DigestComment,
} from '../../../src/core/notifications';

describe('redactAddresses and excerpt', () => {
  it('replaces anything shaped like an address, keeping the punctuation around it', () => {
    expect(redactAddresses('Write to bruno.perso@example.net. Or <ana+news@mail.example.co.uk>!')).toBe('Write to [email]. Or <[email]>!');
    expect(redactAddresses('Chez léa@exemple.fr, ou @handle et a@b')).toBe('Chez [email], ou @handle et a@b');
  });
  it('folds whitespace and cuts at a length with an ellipsis, without splitting a character', () => {
    expect(excerpt('  one\n\n two  ')).toBe('one two');
    expect(excerpt('😀'.repeat(10), 5)).toBe('😀😀😀😀…');
    expect([...excerpt('a'.repeat(1000))].length).toBe(280);
  });
});

describe('composeModeratorDigest', () => {
  const comment = (i: number): DigestComment => ({ authorName: `Reader ${i}`, body: `Comment ${i}, mail me at r${i}@example.org`, articleTitle: 'Budget', reportCount: i === 0 ? 2 : 0 });
  const digest = (count: number, locale = 'en') =>
    composeModeratorDigest({
      siteName: 'Daily <News>',
      locale,
      waiting: count + 4,
      freshCount: count,
      fresh: Array.from({ length: Math.min(count, DIGEST_LIST_SIZE) }, (_, i) => comment(i)),
      reported: 1,
      queueUrl: 'https://cms.example.org/admin/content-manager/collection-types/api::comment.comment?filters[$and][0][commentStatus][$eq]=pending',
    });

  it('says how many wait, lists the newest by name and article, and counts the rest', () => {
    const mail = digest(12);
    expect(mail.subject).toBe('[Daily <News>] 16 comments wait for moderation');
    expect(mail.text).toContain("16 comments wait for moderation, 12 of them new since the last digest; 1 was held back by readers' reports.");
    expect(mail.text).toContain('* Reader 0 — Budget (reported 2×)');
    expect(mail.text).toContain('… and 2 more.');
    expect(mail.text).toContain('Open the moderation queue: https://cms.example.org/admin/');
    expect(mail.html).toContain('<title>');
    expect(mail.html).toContain('Reader 9 — Budget');
    expect(mail.html).not.toContain('Reader 10');
  });
  it('never names an address, and escapes what readers wrote', () => {
    const mail = composeModeratorDigest({
      siteName: 'Site',
      locale: 'en',
      waiting: 1,
      freshCount: 1,
      fresh: [
        { authorName: '<script>alert(1)</script>', body: 'x@example.org', articleTitle: null, reportCount: 0 },
        { authorName: 'y@example.org', body: 'Hello', articleTitle: null, reportCount: 0 },
      ],
      reported: 0,
      queueUrl: null,
    });
    expect(`${mail.subject}${mail.text}${mail.html}`).not.toMatch(/[xy]@example\.org/);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.text).toContain('an article');
    expect(mail.text).not.toContain('moderation queue');
  });
  it('speaks French for a French site', () => {
    const mail = digest(1, 'fr-FR');
    expect(mail.subject).toBe('[Daily <News>] 5 commentaires attendent la modération');
    expect(mail.text).toContain('dont 1 depuis le dernier récapitulatif ; 1 a été retenu par des signalements de lecteurs.');
  });
});

describe('composeReplyNotice and composeConfirmation', () => {
  const notice = {
    siteName: 'Daily',
    locale: 'en',
    articleTitle: 'Budget "2027"',
    articleUrl: 'https://example.org/blog/budget#comment-abc',
    replierName: 'Bruno\r\nBcc: victim@example.org',
    replyBody: 'I disagree, see bruno@example.net',
    parentBody: 'Great piece',
    unsubscribeUrl: 'https://cms.example.org/api/comment-notifications/unsubscribe?token=t.s',
  };
  it('quotes both comments, links the page and ends with the unsubscribe link', () => {
    const mail = composeReplyNotice(notice);
    // One header line, and an address typed as a name is not repeated.
    expect(mail.subject).toBe('[Daily] Bruno Bcc: [email] replied to your comment');
    expect(`${mail.subject}${mail.text}${mail.html}`).not.toContain('victim@example.org');
    expect(mail.text).toContain('> I disagree, see [email]');
    expect(mail.text).toContain('> Great piece');
    expect(mail.text).toContain('Read the conversation: https://example.org/blog/budget#comment-abc');
    expect(mail.text.endsWith('Stop these mails: https://cms.example.org/api/comment-notifications/unsubscribe?token=t.s')).toBe(true);
    expect(mail.html).toContain('&quot;2027&quot;');
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.html).toContain('href="https://cms.example.org/api/comment-notifications/unsubscribe?token=t.s"');
  });
  it('asks for a confirmation and says what happens if it is ignored', () => {
    const mail = composeConfirmation({ siteName: 'Quotidien', locale: 'fr', articleTitle: null, confirmUrl: 'https://cms.example.org/api/comment-notifications/confirm?token=x.y' });
    expect(mail.subject).toBe('[Quotidien] Confirmez votre adresse pour être averti des réponses');
    expect(mail.text).toContain('votre commentaire sur « un article »');
    expect(mail.text).toContain('https://cms.example.org/api/comment-notifications/confirm?token=x.y');
    expect(mail.text).toContain('ce lien expire dans 7 jours');
  });
});

describe('composeLinkPage', () => {
  it('answers a GET of the unsubscribe link with a form that POSTs RFC 8058’s body', () => {
    const page = composeLinkPage({ locale: 'en', siteName: 'Daily', outcome: 'ask-unsubscribe' });
    // No action: the form posts to the page's own URL, token included, whatever prefix a proxy adds.
    expect(page).toContain('<form method="post">');
    expect(page).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click">');
    expect(page).toContain('<html lang="en">');
  });
  it('answers a GET of the confirmation link with a button, not a confirmation', () => {
    const page = composeLinkPage({ locale: 'fr', siteName: 'Quotidien', outcome: 'ask-confirm' });
    expect(page).toContain('<form method="post"><p>Recevoir un message quand quelqu’un répond à votre commentaire ?</p><button type="submit">Confirmer mon adresse</button></form>');
    expect(page).not.toContain('confirmée');
  });
  it('says each outcome in the site’s language', () => {
    expect(composeLinkPage({ locale: 'fr', siteName: 'S', outcome: 'confirmed' })).toContain('Votre adresse est confirmée');
    expect(composeLinkPage({ locale: 'en', siteName: 'S', outcome: 'unsubscribed' })).toContain('no more mails');
    expect(composeLinkPage({ locale: 'de', siteName: 'S', outcome: 'invalid' })).toContain('not valid');
  });
});

describe('hasNotificationWords', () => {
  it('knows the languages the mails are written in, by language whatever the region', () => {
    expect(hasNotificationWords('fr')).toBe(true);
    expect(hasNotificationWords('fr-BE')).toBe(true);
    expect(hasNotificationWords('EN')).toBe(true);
    expect(hasNotificationWords('de')).toBe(false);
    expect(hasNotificationWords('zh-Hans')).toBe(false);
    expect(hasNotificationWords(null)).toBe(false);
  });
});
