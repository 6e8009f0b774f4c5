import type { Core } from '@strapi/strapi';
import { buildPersonalDataExport, type PersonalDataExport, type PersonalDataRequest } from '../../core/privacy';
import { sql } from '../database/schema';
import { findPersonalData } from './find-personal-data';
import { PRIVACY_LOG_TABLE } from './models';

/**
 * Everything Colophon holds on one person (see findPersonalData), as core's
 * buildPersonalDataExport shapes it, and a line in the privacy log saying an export was made.
 * An address or account nobody used answers the same shape, empty: never a 404.
 */
export async function exportPersonalData(strapi: Core.Strapi, request: PersonalDataRequest, requestedBy: number | null): Promise<PersonalDataExport> {
  return strapi.db.transaction(async ({ trx }) => {
    const found = await findPersonalData(strapi, trx, request.subject);
    await sql(strapi, trx, PRIVACY_LOG_TABLE).insert({
      action: 'export',
      subject_kind: request.subject.kind,
      comments: found.comments.length,
      text_deleted: false,
      requested_by: requestedBy,
      created_at: new Date(),
    });
    return buildPersonalDataExport(
      request.subject,
      found.accounts,
      found.comments.map(({ id, ...comment }) => comment),
      found.reports.map(({ id, ...report }) => report),
      new Date(),
      found.mailAddresses,
      found.replySubscriptions
    );
  });
}
