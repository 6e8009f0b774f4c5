export { CONFIRM_LINK_DAYS, mailLinkKey, normalizeAddress, signMailToken, verifyMailToken } from './mailTokens';
export type { MailTokenPurpose } from './mailTokens';
export { notificationWords } from './messages';
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
export { checkNotifyAddresses, checkNotifyMinutes, CONFIRM_RESEND_HOURS, DEFAULT_NOTIFY_MINUTES, digestDue, replyNoticeRecipient } from './rules';
export type { ReplyNoticeFacts } from './rules';
