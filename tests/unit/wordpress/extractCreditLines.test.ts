import fc from 'fast-check';
import { extractCreditLines, type CreditDraft } from '../../../src/core/wordpress/extractCreditLines';
import { matchSourceHint, mergeSourceHints } from '../../../src/core/wordpress/matchSourceHint';
import type { BlockNode } from '../../../src/core/wordpress/types';

const text = (value: string): BlockNode => ({ type: 'text', text: value });
const link = (url: string, label: string): BlockNode => ({ type: 'link', url, children: [text(label)] });
const p = (...children: Array<string | BlockNode>): BlockNode => ({
  type: 'paragraph',
  children: children.map((child) => (typeof child === 'string' ? text(child) : child)),
});

const STORY = [
  p('Les diplomates russes et nord-coréens se sont rencontrés à Moscou pour discuter de la crise de la péninsule coréenne.'),
  p('La Russie et la Chine tentent d’atténuer les tensions entre les deux États. Malheureusement, les États-Unis ont rejeté la proposition.'),
];
const CAPTION =
  'Image tirée d’une vidéo montrant des membres de la délégation nord-coréenne qui sont arrivés pour des pourparlers à Moscou le 29 septembre 2017';
const ORIGINAL_URL = 'https://www.rt.com/news/405007-north-korea-russia-meeting/';

// The seed page's footer, as the HTML converter gives it (the French typography's NBSP before ":").
const SEED_FOOTER = [
  p(`Source\u00a0: ${ORIGINAL_URL}`),
  p(`Photo: ${CAPTION} / RT`),
  p('Traduction\u00a0: Avic – Réseau International'),
];

const read = (line: string | BlockNode, language: string | null = 'fr') => extractCreditLines([...STORY, typeof line === 'string' ? p(line) : line], { language });
const creditOf = (line: string | BlockNode, language: string | null = 'fr') => {
  const result = read(line, language);
  expect(result.credits).toHaveLength(1);
  expect(result.blocks).toEqual(STORY);
  return result.credits[0];
};

describe('extractCreditLines', () => {
  it('reads the seed page’s footer as its three credits and leaves the story', () => {
    const result = extractCreditLines([...STORY, ...SEED_FOOTER], { language: 'fr' });
    expect(result.blocks).toEqual(STORY);
    expect(result.notUnderstood).toEqual([]);
    expect(result.credits).toEqual([
      { role: 'original', url: ORIGINAL_URL, source: { website: 'https://www.rt.com' } },
      { role: 'photo', caption: CAPTION, source: { name: 'RT' } },
      { role: 'translation', person: 'Avic', language: 'fr', source: { name: 'Réseau International' } },
    ]);
  });

  it('gives the demo’s three credits once the footer’s sources are merged and found', () => {
    const known = [
      { name: 'RT', website: 'https://www.rt.com' },
      { name: 'Réseau International', website: 'https://reseauinternational.net' },
    ];
    const credits = mergeSourceHints(extractCreditLines([...STORY, ...SEED_FOOTER], { language: 'fr' }).credits);
    const stored = credits.map(({ source, ...credit }) => ({ ...credit, source: known[matchSourceHint(source!, known)]?.name }));
    // The original's language is the source's (RT publishes in English): the importer fills it.
    expect(stored).toEqual([
      { role: 'original', url: ORIGINAL_URL, source: 'RT' },
      { role: 'photo', caption: CAPTION, source: 'RT' },
      { role: 'translation', person: 'Avic', source: 'Réseau International', language: 'fr' },
    ]);
  });

  it('stops at "Publicités" after the footer: an ads line is not a credit', () => {
    const blocks = [...STORY, ...SEED_FOOTER, p('Publicités')];
    expect(extractCreditLines(blocks, { language: 'fr' })).toEqual({ blocks, credits: [], notUnderstood: [] });
  });

  it('never takes the story’s last paragraph, even one that mentions a source', () => {
    const blocks = [...STORY, p('Les discussions ont duré près de cinq heures, selon une source diplomatique.')];
    expect(extractCreditLines(blocks, { language: 'fr' })).toEqual({ blocks, credits: [], notUnderstood: [] });
  });

  it('reads a URL given as a link as well as one written as text', () => {
    expect(creditOf(p('Source : ', link(ORIGINAL_URL, ORIGINAL_URL)))).toEqual({
      role: 'original',
      url: ORIGINAL_URL,
      source: { website: 'https://www.rt.com' },
    });
    expect(creditOf(p('Source : ', link(ORIGINAL_URL, 'RT')))).toEqual({
      role: 'original',
      url: ORIGINAL_URL,
      source: { name: 'RT', website: 'https://www.rt.com' },
    });
  });

  it('reads an outlet and its URL, with a dash or in brackets', () => {
    const expected = { role: 'original', url: ORIGINAL_URL, source: { name: 'RT', website: 'https://www.rt.com' } };
    expect(creditOf(`Source: RT – ${ORIGINAL_URL}`)).toEqual(expected);
    expect(creditOf(`Source : RT - ${ORIGINAL_URL}`)).toEqual(expected);
    expect(creditOf(`Source : RT — ${ORIGINAL_URL}`)).toEqual(expected);
    expect(creditOf(`Source : RT (${ORIGINAL_URL})`)).toEqual(expected);
    expect(creditOf(`(Source : RT, ${ORIGINAL_URL})`)).toEqual(expected);
  });

  it('reads an outlet alone, a home page as the website only, and a bare host as a website', () => {
    expect(creditOf('Source : Réseau International')).toEqual({ role: 'original', source: { name: 'Réseau International' } });
    expect(creditOf('Source : https://www.rt.com/')).toEqual({ role: 'original', source: { website: 'https://www.rt.com' } });
    expect(creditOf('Source : reseauinternational.net')).toEqual({ role: 'original', source: { website: 'https://reseauinternational.net' } });
  });

  it('keeps a headline linked in a Source line as the title', () => {
    expect(creditOf(p('Source : ', link(ORIGINAL_URL, 'North Korean diplomat arrives in Moscow for talks behind closed doors')))).toEqual({
      role: 'original',
      url: ORIGINAL_URL,
      title: 'North Korean diplomat arrives in Moscow for talks behind closed doors',
      source: { website: 'https://www.rt.com' },
    });
  });

  it('tolerates any spacing around ":" (NBSP, narrow NBSP, none), any case, and a full stop', () => {
    for (const line of ['Source\u202f: RT', 'Source:RT', 'SOURCE : RT', 'source :RT.', 'Source\u00a0:\u00a0RT', 'Source \u2009: RT']) {
      expect(creditOf(line)).toEqual({ role: 'original', source: { name: 'RT' } });
    }
  });

  it('reads photo lines: caption and agency, agency alone, credit labels, ©', () => {
    expect(creditOf('Photo : Des diplomates à Moscou / Sputnik')).toEqual({ role: 'photo', caption: 'Des diplomates à Moscou', source: { name: 'Sputnik' } });
    expect(creditOf('Photo : AFP')).toEqual({ role: 'photo', source: { name: 'AFP' } });
    expect(creditOf('Photo credit: Reuters')).toEqual({ role: 'photo', source: { name: 'Reuters' } });
    expect(creditOf('Crédit photo : Agence France-Presse')).toEqual({ role: 'photo', source: { name: 'Agence France-Presse' } });
    expect(creditOf('Crédits photos: AFP')).toEqual({ role: 'photo', source: { name: 'AFP' } });
    expect(creditOf('Photo © Sputnik')).toEqual({ role: 'photo', source: { name: 'Sputnik' } });
    expect(creditOf('Photo : © AFP')).toEqual({ role: 'photo', source: { name: 'AFP' } });
    expect(creditOf('Photo : une rue de Pyongyang au petit matin')).toEqual({ role: 'photo', caption: 'une rue de Pyongyang au petit matin' });
  });

  it('takes the last " / " as the one between caption and agency', () => {
    expect(creditOf('Photo : Paris / Moscou, le sommet / RT')).toEqual({ role: 'photo', caption: 'Paris / Moscou, le sommet', source: { name: 'RT' } });
  });

  it('reads translation lines in French and English, with the post’s language', () => {
    const avic = { role: 'translation', person: 'Avic', language: 'fr', source: { name: 'Réseau International' } };
    expect(creditOf('Traduction : Avic – Réseau International')).toEqual(avic);
    expect(creditOf('Traduction: Avic pour Réseau International')).toEqual(avic);
    expect(creditOf('Traduit par Avic pour Réseau International')).toEqual(avic);
    expect(creditOf('Traduit de l’anglais par Avic pour Réseau International')).toEqual(avic);
    expect(creditOf('Translated by Jane Doe for Example Wire', 'en')).toEqual({
      role: 'translation',
      person: 'Jane Doe',
      language: 'en',
      source: { name: 'Example Wire' },
    });
    expect(creditOf('Translation: Jane Doe', 'en')).toEqual({ role: 'translation', person: 'Jane Doe', language: 'en' });
    expect(creditOf('Traduction : Avic', null)).toEqual({ role: 'translation', person: 'Avic' });
  });

  it('reads via and author lines', () => {
    expect(creditOf('Via Réseau International')).toEqual({ role: 'via', source: { name: 'Réseau International' } });
    expect(creditOf('Via : https://reseauinternational.net/')).toEqual({ role: 'via', source: { website: 'https://reseauinternational.net' } });
    expect(creditOf('Auteur : Jean Dupont')).toEqual({ role: 'author', person: 'Jean Dupont' });
    expect(creditOf('By Jane Doe')).toEqual({ role: 'author', person: 'Jane Doe' });
  });

  it('leaves a credit line it cannot read in the body and says so, and reads on above it', () => {
    const blocks = [...STORY, p('Source : RT'), p('Source : voir plus haut'), p('Traduction :')];
    const result = extractCreditLines(blocks, { language: 'fr' });
    expect(result.credits).toEqual([{ role: 'original', source: { name: 'RT' } }]);
    expect(result.notUnderstood).toEqual(['Source : voir plus haut', 'Traduction :']);
    expect(result.blocks).toEqual([...STORY, p('Source : voir plus haut'), p('Traduction :')]);
  });

  it('leaves a sentence’s full stop out of a URL', () => {
    expect(creditOf(`Source : ${ORIGINAL_URL}.`)).toEqual({ role: 'original', url: ORIGINAL_URL, source: { website: 'https://www.rt.com' } });
  });

  it('does not guess which of agency and photographer a photo credit names first', () => {
    const result = read('Crédit photo : Sputnik / Mikhail Klimentyev');
    expect(result.credits).toEqual([]);
    expect(result.notUnderstood).toEqual(['Crédit photo : Sputnik / Mikhail Klimentyev']);
  });

  it('does not guess between two URLs on one Source line', () => {
    const result = read('Source : https://www.rt.com/a https://sputniknews.com/b');
    expect(result.credits).toEqual([]);
    expect(result.notUnderstood).toEqual(['Source : https://www.rt.com/a https://sputniknews.com/b']);
  });

  it('does not read a sentence that starts with "By" or "Via" as a credit, and stops there', () => {
    for (const line of ['By then, the talks had ended.', 'Via les réseaux sociaux, la nouvelle a circulé.', 'Par ailleurs la Chine a proposé un plan.']) {
      const blocks = [...STORY, p(line)];
      expect(extractCreditLines(blocks, { language: 'fr' })).toEqual({ blocks, credits: [], notUnderstood: [] });
    }
  });

  it('skips blank paragraphs and takes them with the footer', () => {
    const blocks = [...STORY, p('\u00a0'), SEED_FOOTER[0], p(''), SEED_FOOTER[2], p(' ')];
    const result = extractCreditLines(blocks, { language: 'fr' });
    expect(result.blocks).toEqual(STORY);
    expect(result.credits.map((credit) => credit.role)).toEqual(['original', 'translation']);
  });

  it('reads lines separated by <br> inside one paragraph, and keeps the story lines above them', () => {
    const blocks = [
      STORY[0],
      p({ type: 'text', text: 'Fin de l’article.', italic: true }, `\nSource : ${ORIGINAL_URL}\n`, 'Traduction : Avic – Réseau International'),
    ];
    const result = extractCreditLines(blocks, { language: 'fr' });
    expect(result.credits.map((credit) => credit.role)).toEqual(['original', 'translation']);
    expect(result.blocks).toEqual([STORY[0], p({ type: 'text', text: 'Fin de l’article.', italic: true })]);
  });

  it('stops at anything that is not a paragraph', () => {
    const blocks = [...STORY, { type: 'heading', level: 2, children: [text('Source : RT')] }];
    expect(extractCreditLines(blocks, { language: 'fr' }).credits).toEqual([]);
    const withImage = [p('Source : RT'), { type: 'image', image: {}, children: [text('')] }, p('Photo : AFP')];
    expect(extractCreditLines(withImage, { language: 'fr' }).credits).toEqual([{ role: 'photo', source: { name: 'AFP' } }]);
  });

  it('returns the credits in the order the lines appear, and leaves its input alone', () => {
    const blocks = [...STORY, ...SEED_FOOTER];
    const copy = JSON.parse(JSON.stringify(blocks));
    const roles = extractCreditLines(blocks, { language: 'fr' }).credits.map((credit: CreditDraft) => credit.role);
    expect(roles).toEqual(['original', 'photo', 'translation']);
    expect(blocks).toEqual(copy);
  });

  it('handles empty input', () => {
    expect(extractCreditLines([], { language: null })).toEqual({ blocks: [], credits: [], notUnderstood: [] });
  });

  const PLACEHOLDER_NAMES = new Set([
    'na', 'nc', 'dr', 'id', 'idem', 'web', 'le web', 'internet', 'divers', 'diverses', 'source', 'sources', 'auteur', 'author',
    'none', 'aucun', 'aucune', 'inconnu', 'inconnue', 'unknown', 'various', 'above', 'below', 'tbd',
  ]);
  const properName = fc
    .array(fc.stringMatching(/^[A-ZÉ][a-zéèô]{1,8}$/), { minLength: 1, maxLength: 3 })
    .map((words) => words.join(' '))
    .filter((name) => !/^(?:By|Par|Via|Source|Photo|Traduction)\b/i.test(name))
    // What a footer writes for "no one" ("Na" for n/a, "Dr" for droits réservés) is read as no
    // name, on purpose, like "voir plus haut" in the test above: such a draw is not a proper name.
    .filter((name) => !PLACEHOLDER_NAMES.has(name.toLowerCase()));
  const footerLine = fc.oneof(
    properName.map((name) => `Source : ${name}`),
    fc.tuple(properName, fc.constantFrom('-', '–', '—')).map(([name, dash]) => `Source: ${name} ${dash} https://${name.toLowerCase().replace(/[^a-z]/g, '') || 'x'}.example/a/1`),
    properName.map((name) => `Photo\u00a0: une vue de la ville / ${name}`),
    fc.tuple(properName, properName).map(([person, outlet]) => `Traduction : ${person} – ${outlet}`),
    fc.tuple(properName, properName).map(([person, outlet]) => `Translated by ${person} for ${outlet}`),
    properName.map((name) => `Via ${name}`),
  );
  const sentence = fc
    .array(fc.stringMatching(/^[a-zéàç]{1,10}$/), { minLength: 3, maxLength: 12 })
    .map((words) => `${words.join(' ')}.`);

  it('takes the whole footer and never the story, and finds nothing more the second time (property)', () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 4 }), fc.array(footerLine, { maxLength: 5 }), (story, footer) => {
        const storyBlocks = story.map((line) => p(line));
        const result = extractCreditLines([...storyBlocks, ...footer.map((line) => p(line))], { language: 'fr' });
        expect(result.blocks).toEqual(storyBlocks);
        expect(result.credits).toHaveLength(footer.length);
        expect(result.notUnderstood).toEqual([]);
        expect(extractCreditLines(result.blocks, { language: 'fr' }).credits).toEqual([]);
      }),
    );
  });
});
