/**
 * The demo newsroom, modelled on a real republished page (shared/seed-page.txt): a French
 * translation of an RT report, credited to its source, photographer and translator. The
 * article text is written fresh for Colophon; only the facts of the credits are kept.
 *
 * It shows the two sides of the syndication policy: the seed page republishes Réseau
 * International's translation (someone else's work: kept out of the index, as that source's
 * default agreement says), while a second French article is the newsroom's own translation of
 * an outside original (a new work: indexed under its own canonical URL). That original, its
 * agency and its URL are fictional (example.net is reserved for examples).
 */
export const DEMO_SITE = {
  name: 'Cellule44',
  baseUrl: 'https://example.org',
  blogLabel: 'Blog',
  blogPath: '/blog',
  breadcrumbSeparator: ' > ',
  defaultLocale: 'fr',
  logoUrl: 'https://example.org/logo.png',
};

export const DEMO_SOURCES = {
  rt: {
    name: 'RT',
    slug: 'rt',
    kind: 'outlet',
    website: 'https://www.rt.com',
    language: 'en',
    license: 'All rights reserved',
    allowsRepublication: true,
  },
  reseauInternational: {
    name: 'Réseau International',
    slug: 'reseau-international',
    kind: 'outlet',
    website: 'https://reseauinternational.net',
    language: 'fr',
    license: 'All rights reserved',
    allowsRepublication: true,
  },
  exampleWire: {
    name: 'Example Wire',
    slug: 'example-wire',
    kind: 'agency',
    website: 'https://news.example.net',
    language: 'en',
    license: 'CC BY 4.0',
    licenseUrl: 'https://creativecommons.org/licenses/by/4.0/',
    // Its agreement would let a republication point canonical at it; it does not apply to a
    // translation of our own, which stays indexed under its own URL.
    syndication: 'canonical',
    allowsRepublication: true,
  },
} as const;

/** One tree, localized: each node exists in French and English as one document. */
export const DEMO_CATEGORIES = {
  northKorea: {
    fr: { name: 'Corée du Nord', slug: 'coree-du-nord', description: 'Actualité de la péninsule coréenne.' },
    en: { name: 'North Korea', slug: 'north-korea', description: 'News from the Korean peninsula.' },
  },
  diplomacy: {
    fr: { name: 'Diplomatie', slug: 'diplomatie', description: 'Négociations, visites et sommets.' },
    en: { name: 'Diplomacy', slug: 'diplomacy', description: 'Talks, visits and summits.' },
  },
} as const;

const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });

export const DEMO_PHOTO_CAPTION =
  'Image tirée d’une vidéo montrant des membres de la délégation nord-coréenne qui sont arrivés pour des pourparlers à Moscou le 29 septembre 2017';

export const DEMO_ORIGINAL_URL = 'https://www.rt.com/news/405007-north-korea-russia-meeting/';

export const DEMO_FRENCH_ARTICLE = {
  locale: 'fr',
  title:
    'Derrière les portes closes : un haut diplomate nord-coréen arrive à Moscou pour des entretiens (VIDEO)',
  excerpt:
    'Une délégation nord-coréenne a passé l’après-midi au ministère russe des Affaires étrangères, loin des caméras.',
  body: [
    paragraph(
      'Une délégation du ministère nord-coréen des Affaires étrangères a été reçue à Moscou pour plusieurs heures de discussions à huis clos avec la diplomatie russe.'
    ),
    paragraph(
      'Au menu : les tensions dans la péninsule coréenne et la proposition russo-chinoise d’un « double gel », qui lierait une pause des essais nord-coréens à une pause des manœuvres militaires conjointes dans la région.'
    ),
    paragraph('Aucune déclaration commune n’a été publiée à l’issue de la rencontre.'),
  ],
  coverCaption: DEMO_PHOTO_CAPTION,
  allowComments: true,
};

export const DEMO_ENGLISH_ARTICLE = {
  locale: 'en',
  title: 'What the “double freeze” proposal would ask of each side',
  excerpt: 'A short explainer on the plan Moscow and Beijing keep putting back on the table.',
  body: [
    paragraph(
      'The “double freeze” is a sequencing proposal: Pyongyang would pause nuclear and ballistic missile tests while Washington and Seoul pause their large joint military exercises.'
    ),
    paragraph(
      'Its backers present it as a first step that costs each side little; its critics answer that it rewards tests with concessions. Either way, it frames most of the talks covered on this blog.'
    ),
  ],
  allowComments: true,
};

export const DEMO_OWN_TRANSLATION_ORIGINAL = {
  url: 'https://news.example.net/2017/10/double-freeze-explained',
  title: 'The “double freeze”, explained',
};

/** The newsroom's own translation of an outside original: a new work. */
export const DEMO_OWN_TRANSLATION = {
  locale: 'fr',
  title: 'Le « double gel », expliqué : ce que chaque camp devrait concéder',
  excerpt: 'Notre traduction d’une note d’Example Wire sur la proposition que Moscou et Pékin remettent sur la table.',
  body: [
    paragraph(
      'Le « double gel » est une proposition d’enchaînement : Pyongyang suspendrait ses essais nucléaires et balistiques pendant que Washington et Séoul suspendraient leurs grandes manœuvres conjointes.'
    ),
    paragraph('Ses partisans y voient un premier pas peu coûteux pour chacun ; ses détracteurs, une récompense accordée aux essais.'),
  ],
  allowComments: true,
};

/**
 * Readers' comments on the French seed article, one of each status a moderator meets, with a
 * thread three levels deep and one reported comment, so the moderation queue shows its counts,
 * filters and buttons on a first boot. `replyTo` names an earlier comment by its index.
 */
export const DEMO_COMMENTS: ReadonlyArray<{
  authorName: string;
  authorEmail: string;
  body: string;
  commentStatus: 'pending' | 'approved' | 'spam' | 'trash';
  replyTo?: number;
  report?: { reason: 'off-topic'; note: string };
}> = [
  {
    authorName: 'Marc Delorme',
    authorEmail: 'marc.delorme@example.org',
    body: 'Merci pour la traduction. La date du sommet a-t-elle été confirmée depuis ?',
    commentStatus: 'approved',
  },
  {
    authorName: 'Sophie Laurent',
    authorEmail: 'sophie.laurent@example.org',
    body: 'Pas encore officiellement : la note de RT parle seulement de « consultations » à venir.',
    commentStatus: 'approved',
    replyTo: 0,
  },
  {
    authorName: 'Marc Delorme',
    authorEmail: 'marc.delorme@example.org',
    body: 'Merci Sophie, je guetterai la suite.',
    commentStatus: 'approved',
    replyTo: 1,
  },
  {
    authorName: 'Hélène Vasseur',
    authorEmail: 'helene.vasseur@example.org',
    body: 'Rien à voir, mais quelqu’un sait-il quand reprend le marché du samedi ?',
    commentStatus: 'approved',
    report: { reason: 'off-topic', note: 'Hors sujet.' },
  },
  {
    authorName: 'Karim Benali',
    authorEmail: 'karim.benali@example.org',
    body: 'Premier commentaire ici : la carte de la péninsule serait bienvenue.',
    commentStatus: 'pending',
  },
  {
    authorName: 'Meilleurs prix',
    authorEmail: 'promo@spam.example',
    body: 'Montres de luxe à -90 % !!! https://spam.example/montres',
    commentStatus: 'spam',
  },
  {
    authorName: 'Anonyme',
    authorEmail: 'troll@example.net',
    body: 'Encore de la propagande.',
    commentStatus: 'trash',
  },
];
