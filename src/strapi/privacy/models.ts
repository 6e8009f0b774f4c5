import type { Core } from '@strapi/strapi';
import { registerDatabaseModels } from '../database/models';

/**
 * The record that a person's data was exported or erased: when, how they were named (an
 * address or an account, never which), how many comments it touched, and by whom. It keeps
 * nothing that was erased, as the GDPR's accountability asks of a record of a request without
 * defeating the request.
 */
export const PRIVACY_LOG_TABLE = 'colophon_privacy_log';

const privacyLogModel = {
  uid: 'colophon::privacy-log',
  singularName: 'colophon_privacy_log',
  tableName: PRIVACY_LOG_TABLE,
  attributes: {
    id: { type: 'increments' },
    /** export or erase. */
    action: { type: 'string' },
    /** email or account: how the person was named. */
    subjectKind: { type: 'string' },
    comments: { type: 'integer' },
    textDeleted: { type: 'boolean' },
    /** The admin user's id, or null from the command line. */
    requestedBy: { type: 'integer' },
    createdAt: { type: 'datetime' },
  },
  indexes: [{ name: 'colophon_privacy_log_created_idx', columns: ['created_at'] }],
};

/** Registers the privacy log's table as a Strapi database model; called from register(). */
export function registerPrivacyModels(strapi: Core.Strapi): void {
  registerDatabaseModels(strapi, privacyLogModel);
}
