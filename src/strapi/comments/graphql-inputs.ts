import type { Core } from '@strapi/strapi';
import { ARTICLE_COUNT_FIELD, ARTICLE_UID, COMMENT_UID, DERIVED_COMMENT_FIELDS, REQUEST_COMMENT_FIELDS } from './model';

/**
 * Fields the server computes or records are taken out of the GraphQL input types, so the schema
 * a frontend developer reads says what a client may send. (REST and code are refused or
 * overwritten by the document service middleware, whichever door they come through.)
 */
export function hideServerFieldsFromGraphQL(strapi: Core.Strapi): void {
  const extension = strapi.plugin('graphql')?.service('extension');
  if (!extension) return;
  for (const field of [...DERIVED_COMMENT_FIELDS, ...REQUEST_COMMENT_FIELDS, 'moderationReason']) {
    extension.shadowCRUD(COMMENT_UID).field(field).disableInput();
  }
  extension.shadowCRUD(ARTICLE_UID).field(ARTICLE_COUNT_FIELD).disableInput();
}
