/** Notification settings (config/colophon.ts `comments.notifications`). */
export interface NotificationSettings {
  /**
   * Whether any mail goes: true when SMTP_HOST is set, which also configures Strapi's email
   * plugin with its nodemailer provider (config/plugins.ts). Off, nothing is queued.
   */
  enabled: boolean;
  /** Minutes between two moderators' digests, at most one per period across instances (COMMENT_NOTIFY_MINUTES, 15; 0 none). */
  digestMinutes: number;
  /** Where digests go (COMMENT_NOTIFY_TO); empty: every active admin who may moderate comments. */
  digestTo: string[];
  /** How often each instance looks for mail to send (MAIL_POLL_MS, 1 000). */
  pollMs: number;
}
