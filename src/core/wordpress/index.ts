// The WordPress import's pure rules: what a WXR item, its footer, its URLs and its comments
// become in Colophon. The wiring (src/strapi/wordpress-import) imports each file directly;
// this barrel is for scripts and tests.
export type * from './types';
export { extractCreditLines } from './extractCreditLines';
export type { CreditDraft, SourceHint, CreditLineOptions, ExtractedCredits } from './extractCreditLines';
export { matchSourceHint, mergeSourceHints, compareSources, foldSourceName, hostOfWebsite, registrableLabel } from './matchSourceHint';
export type { KnownSource } from './matchSourceHint';
export { planOldPaths, normalizeOldPath } from './planOldPaths';
export type { OldPathsInput } from './planOldPaths';
export { planArticleFromPost, EXCERPT_MAX_LENGTH } from './planArticleFromPost';
export type { ArticlePlan, ArticlePlanOptions, ArticlePlanResult } from './planArticleFromPost';
export { planCommentThreads } from './planCommentThreads';
export type { PlannedComment, CommentThreadsPlan, CommentThreadOptions, ImportedCommentStatus } from './planCommentThreads';
export { CommittedPrefix } from './committedPrefix';
export { readWordpressDate } from './readWordpressDate';
export { toPlainText } from './toPlainText';
export type { PlainTextOptions } from './toPlainText';
