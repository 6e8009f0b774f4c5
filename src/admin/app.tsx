import type { StrapiApp } from '@strapi/strapi/admin';
import type { ContentManagerPlugin } from '@strapi/content-manager/strapi-admin';
import { bulkModerationActions, rowModerationActions } from './comments/ModerationActions';
import { ModerationQueue } from './comments/ModerationQueue';
import { addModerationColumns } from './comments/listColumns';
import { FIELD_LABEL_MESSAGES, translateFieldHints } from './field-labels';
import { PreviewPanel } from './preview/PreviewPanel';

/**
 * Colophon's admin extensions. The comment list becomes a moderation queue: one-click
 * Approve, Spam and Trash (a button in each row, the row menu, and bulk), pending first,
 * statuses as badges, counts per status. Every change goes through the Content Manager's own update route, so its
 * permissions and the comment rules on the server stay the only ones. The article and category
 * edit views get a live preview side panel (./preview), computed by the server's own hook code
 * from the form's current values. Field labels and descriptions follow the admin's language:
 * French is offered beside English (./field-labels).
 */
export default {
  config: { locales: ['fr'], translations: FIELD_LABEL_MESSAGES },
  bootstrap(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager');
    const apis = contentManager.apis as ContentManagerPlugin['config']['apis'];
    apis.addBulkAction(bulkModerationActions);
    apis.addDocumentAction(rowModerationActions);
    apis.addEditViewSidePanel([PreviewPanel]);
    contentManager.injectComponent('listView', 'actions', { name: 'colophon-moderation-queue', Component: ModerationQueue });
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', addModerationColumns);
    app.registerHook('Admin/CM/pages/EditView/mutate-edit-view-layout', translateFieldHints);
  },
};
