import type { FieldLabels } from './field-labels';

const DERIVED = 'Calculé par Colophon à chaque enregistrement ; lecture seule.';

/**
 * FIELD_LABELS in French, for editors whose admin runs in French (Profile > Interface
 * language). Same types, same fields, same meaning; a test fails when one table has a field the
 * other lacks. The admin applies it (src/admin/field-labels): labels through the Content
 * Manager's own translation keys, descriptions in place of the English ones. Labels go through
 * ICU message formatting, so they hold no `{`, `<` or straight apostrophe (’ instead).
 */
export const FIELD_LABELS_FR: FieldLabels = {
  'api::article.article': {
    title: { label: 'Titre', description: 'Le titre, tel que les lecteurs le voient.' },
    slug: { label: 'Slug', description: 'La dernière partie de l’URL. Laissé vide, il est tiré du titre.' },
    excerpt: { label: 'Chapô', description: 'Une ou deux phrases pour les listes et les cartes sociales.' },
    body: { label: 'Corps', description: 'Le texte de l’article.' },
    cover: { label: 'Image de une', description: 'L’image principale ; créditez son photographe avec un crédit Photo.' },
    coverCaption: { label: 'Légende de l’image', description: 'Affichée sous l’image de une.' },
    category: { label: 'Rubrique', description: 'La rubrique principale : elle décide du fil d’Ariane et de l’URL.' },
    allowComments: { label: 'Commentaires ouverts', description: 'Les lecteurs peuvent commenter cet article.' },
    commentCount: { label: 'Commentaires approuvés', description: DERIVED },
    credits: {
      label: 'Crédits',
      description: 'Qui a fait quoi : l’original, l’auteur, le photographe, le traducteur. Ils forment le pied d’article.',
    },
    syndication: {
      label: 'Moteurs de recherche',
      description:
        'Par défaut, selon qui a fait le travail : nos articles et nos traductions sont indexés ; une reprise suit l’accord de sa Source. Ne changez que si l’accord dit autre chose.',
    },
    breadcrumbs: { label: 'Fil d’Ariane', description: DERIVED },
    breadcrumbText: { label: 'Fil d’Ariane en texte', description: DERIVED },
    path: { label: 'Chemin public', description: DERIVED },
    attribution: { label: 'Pied d’article', description: `${DERIVED} Texte, HTML et Markdown des crédits.` },
    seo: { label: 'Indications SEO', description: `${DERIVED} URL canonique, directives robots, versions linguistiques (hreflang) et flux.` },
    structuredData: { label: 'Données structurées (JSON-LD)', description: `${DERIVED} NewsArticle et BreadcrumbList de schema.org.` },
    structuredDataHtml: {
      label: 'Données structurées, prêtes à insérer',
      description: `${DERIVED} Le JSON-LD dans un bloc <script> où <, > et & sont échappés, que les frontends écrivent tel quel dans la page.`,
    },
  },
  'api::category.category': {
    name: { label: 'Nom', description: 'Tel qu’affiché dans le fil d’Ariane et les menus.' },
    slug: { label: 'Slug', description: 'Sa partie de l’URL. Laissé vide, il est tiré du nom.' },
    description: { label: 'Description', description: 'Affichée sur la page de la rubrique.' },
    parent: {
      label: 'Rubrique parente',
      description: 'Laissez vide pour une rubrique de premier niveau. Une rubrique ne peut être placée ni sous elle-même ni sous ses sous-rubriques.',
    },
    children: { label: 'Sous-rubriques', description: 'Réglées depuis la Rubrique parente de chaque sous-rubrique.' },
    articles: { label: 'Articles', description: 'Les articles classés ici comme rubrique principale.' },
    path: { label: 'Chemin public', description: DERIVED },
    breadcrumbs: { label: 'Fil d’Ariane', description: DERIVED },
    seo: { label: 'Indications SEO', description: `${DERIVED} URL canonique, versions linguistiques (hreflang) et flux.` },
  },
  'api::comment.comment': {
    article: { label: 'Article', description: 'L’article commenté.' },
    parent: { label: 'En réponse à', description: 'Le commentaire auquel celui-ci répond, s’il y en a un.' },
    parentDocumentId: { label: 'En réponse à (id)', description: DERIVED },
    depth: { label: 'Niveau dans le fil', description: `${DERIVED} 1 pour un commentaire de premier niveau.` },
    authorName: { label: 'Auteur', description: 'Le nom donné par le lecteur, affiché publiquement.' },
    authorEmail: { label: 'E-mail de l’auteur', description: 'Privé : jamais montré aux lecteurs.' },
    body: { label: 'Commentaire', description: 'Ce que le lecteur a écrit.' },
    bodyHtml: { label: 'Commentaire en HTML', description: `${DERIVED} Les liens sont rendus sûrs (nofollow ugc).` },
    commentStatus: { label: 'Statut', description: 'En attente jusqu’à approbation ; les indésirables et la corbeille ne sont jamais montrés aux lecteurs.' },
    moderationReason: { label: 'Raison du statut', description: 'Quelle règle de modération a décidé, ou qui. Privé.' },
    ipHash: { label: 'Empreinte IP', description: 'Une empreinte à clé de l’IP de l’auteur, contre les envois en rafale. L’IP elle-même n’est jamais stockée.' },
    userAgent: { label: 'Navigateur', description: 'L’agent utilisateur de l’auteur. Privé.' },
    user: { label: 'Compte lecteur', description: 'Le lecteur connecté qui l’a publié, le cas échéant.' },
    reportCount: {
      label: 'Signalements',
      description: 'Les signalements ouverts des lecteurs. À COMMENT_REPORTS_TO_HOLD, un commentaire approuvé repasse en attente ; l’approuver les classe.',
    },
    reportReasons: { label: 'Signalé pour', description: 'Les motifs des signalements ouverts, du plus fréquent au moins fréquent. Privé.' },
    notifyReplies: { label: 'Avertir des réponses', description: 'Le commentateur veut un message quand une réponse est approuvée ; rien n’est envoyé avant la confirmation de l’adresse. Privé.' },
  },
  'api::redirect.redirect': {
    from: { label: 'Chemin d’origine', description: 'Un ancien chemin public.' },
    to: { label: 'Chemin de destination', description: 'Là où il a été déplacé.' },
    statusCode: { label: 'Statut HTTP', description: '301 (déplacé définitivement) ou 302.' },
    match: { label: 'Correspondance', description: 'Exacte : ce chemin seulement. Préfixe : ce chemin et tout ce qui est en dessous.' },
  },
  'api::site.site': {
    name: { label: 'Nom du site', description: 'Le premier élément de chaque fil d’Ariane, et le nom de l’éditeur.' },
    baseUrl: { label: 'URL de base', description: 'L’origine publique (https://example.org) : rend absolues les URL des fils d’Ariane et du JSON-LD.' },
    blogLabel: { label: 'Libellé du blog', description: 'Le deuxième élément du fil (par ex. Blog).' },
    blogPath: {
      label: 'Chemin du blog',
      description: 'Où vivent les articles (par ex. /blog). Le changer déplace tous les chemins et enregistre des redirections.',
    },
    breadcrumbSeparator: { label: 'Séparateur du fil d’Ariane', description: 'Entre les éléments du fil en texte (par ex. " > ").' },
    defaultLocale: { label: 'Langue par défaut', description: 'La langue de l’édition principale du site.' },
    localePrefix: {
      label: 'Langue dans les URL',
      description:
        'prefix-except-default : /en/blog/… à côté de /blog/… pour la langue par défaut (recommandé) ; prefix-always : chaque langue a son préfixe ; none : un site en une seule langue. Le changer déplace tous les chemins et enregistre des redirections.',
    },
    logoUrl: { label: 'URL du logo', description: 'Le logo de l’éditeur que les moteurs de recherche montrent avec les articles (https://…, au moins 112 px de large).' },
  },
  'api::source.source': {
    name: { label: 'Nom', description: 'Le média, l’agence ou la personne créditée.' },
    slug: { label: 'Slug', description: 'Laissé vide, il est tiré du nom.' },
    kind: { label: 'Type', description: 'Média, agence ou personne.' },
    website: { label: 'Site web', description: 'Sa page d’accueil (https://…).' },
    language: { label: 'Langue', description: 'La langue dans laquelle elle publie (par ex. en, fr).' },
    license: { label: 'Licence', description: 'Les conditions auxquelles son travail peut être repris.' },
    licenseUrl: { label: 'URL de la licence', description: 'Où ces conditions sont publiées.' },
    allowsRepublication: {
      label: 'Autorise la reprise',
      description: 'Si les articles qui la créditent comme original peuvent être publiés.',
    },
    syndication: {
      label: 'Accord de reprise',
      description:
        'Ce que les moteurs de recherche apprennent de nos copies de son travail : noindex (par défaut), noindex pour Google News seulement, ou un lien canonique vers sa page.',
    },
    acquireLicensePage: {
      label: 'Page de licence',
      description: 'Où les lecteurs peuvent acheter une licence pour ses images (https://…) ; montrée aux moteurs de recherche.',
    },
  },
  'editorial.credit': {
    role: { label: 'Rôle', description: 'Original, auteur, photo, traduction, adaptation ou via.' },
    source: { label: 'Source', description: 'Le média, l’agence ou la personne créditée.' },
    person: { label: 'Personne', description: 'Un auteur, photographe ou traducteur nommé.' },
    url: { label: 'URL', description: 'La page créditée (https://…). Une adresse www.… collée est acceptée.' },
    title: { label: 'Titre', description: 'Le titre de l’œuvre créditée, par ex. le titre original.' },
    language: { label: 'Langue', description: 'La langue de l’œuvre créditée (par ex. en).' },
    caption: { label: 'Légende', description: 'Pour un crédit photo : ce que montre l’image.' },
    note: { label: 'Note', description: 'Tout ce que le pied d’article doit encore dire.' },
    sourceName: {
      label: 'Nom de la source (conservé)',
      description: 'Rempli automatiquement quand la Source créditée est supprimée, pour que le pied d’article garde son nom ; lecture seule.',
    },
  },
};
