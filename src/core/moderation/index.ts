export type {
  Caller,
  CallerHistory,
  CommentField,
  CommentFields,
  CommentSubmission,
  FieldCheck,
  ModerationLookups,
  ModerationOutcome,
  ModerationRules,
  NormalizedComment,
  ScanResult,
  StoredStatus,
} from './types';
export { DEFAULT_MODERATION_RULES } from './defaultRules';
export { isHoneypotFilled } from './isHoneypotFilled';
export { isValidEmail } from './isValidEmail';
export { validateCommentFields } from './validateCommentFields';
export { normalizeBotSubmission, BOT_PLACEHOLDERS } from './normalizeBotSubmission';
export { findLinks } from './findLinks';
export type { FoundLink } from './findLinks';
export { countLinks } from './countLinks';
export { scanWordsAndLinks } from './scanWordsAndLinks';
export { computeRetryAfter } from './computeRetryAfter';
export { moderateComment } from './moderateComment';
export { exceedsThreadDepth } from './exceedsThreadDepth';
export { renderCommentHtml } from './renderCommentHtml';
export { hashIp } from './hashIp';
export { commentsClosedByAge, readCloseAfterDays } from './commentsClosedByAge';
export { buildThreads } from './buildThreads';
export type { ThreadComment, ThreadNode } from './buildThreads';
export { checkReportsToHold, DEFAULT_REPORTS_TO_HOLD, holdsForReports, readReportFields, REPORT_NOTE_MAX_LENGTH, REPORT_REASONS, summarizeReportReasons } from './commentReports';
export type { ReportFields, ReportReason } from './commentReports';
