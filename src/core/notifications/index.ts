export { CONFIRM_LINK_DAYS, mailLinkKey, normalizeAddress, signMailToken, verifyMailToken } from './mailTokens';
export type { MailToken, MailTokenPurpose } from './mailTokens';
export { hasNotificationWords, notificationWords } from './messages';
export type { NotificationWords } from './messages';
export {
  composeConfirmation,
  composeLinkPage,
  composeModeratorDigest,
  composeReplyNotice,
  DIGEST_LIST_SIZE,
  excerpt,
  EXCERPT_LENGTH,
  redactAddresses,
} from './compose';
export type { ConfirmationRequest, DigestComment, LinkPageOutcome, MailContent, ModeratorDigest, ReplyNotice } from './compose';
export {
  checkMailPollMs,
  checkNotifyAddresses,
  checkNotifyMinutes,
  CONFIRM_MAX_UNANSWERED,
  CONFIRM_SPACING_MINUTES,
  CONFIRM_SPACING_UNSUBSCRIBED_DAYS,
  DEFAULT_NOTIFY_MINUTES,
  digestDue,
  nextConfirmationAt,
  replyNoticeRecipient,
} from './rules';
export type { ReplyNoticeFacts } from './rules';
