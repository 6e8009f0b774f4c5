import type { Core } from '@strapi/strapi';
import { applyRegistrationSetting } from '../accounts/registration';
import { migrateSyndication } from '../attribution/migrate-syndication';
import { backfillClaims, watchLocales } from '../claims';
import { colophonConfig } from '../colophon-config';
import { bootstrapComments } from '../comments';
import { clearPersonalDataDaily } from '../comments/retention';
import { ensureTrailLockRow } from '../database/locks';
import { pruneChangesHourly } from '../delivery/retention';
import { backfillAlternates } from '../discovery/backfill-alternates';
import { startWebhookDelivery } from '../delivery/webhooks';
import { startMailDelivery } from '../notifications';
import { followI18nDefaultLocale, reconcileDefaultLocale } from '../site/default-locale';
import { slimCategoryEvents } from '../trails/slim-category-events';
import { warnMissingBaseUrl } from '../trails/warn-missing-base-url';
import { ensureDevelopmentAdmin } from './admin-user';
import { configureEditViews } from './content-manager-views';
import { seedDemoContent } from './demo-content';
import { ensureLocales } from './locales';
import { grantRolePermissions } from './permissions';

/** Every step is idempotent: a restart changes nothing that is already in place. Returns what destroy() stops. */
export async function bootstrapColophon(strapi: Core.Strapi): Promise<() => Promise<void>> {
  await ensureTrailLockRow(strapi);
  slimCategoryEvents(strapi);
  watchLocales(strapi);
  await ensureLocales(strapi);
  followI18nDefaultLocale(strapi);
  await bootstrapComments(strapi);
  await grantRolePermissions(strapi);
  await applyRegistrationSetting(strapi);
  await configureEditViews(strapi);
  await ensureDevelopmentAdmin(strapi);
  await migrateSyndication(strapi);
  await backfillClaims(strapi);
  await backfillAlternates(strapi);
  if (colophonConfig(strapi).demo.enabled) await seedDemoContent(strapi);
  await reconcileDefaultLocale(strapi);
  await warnMissingBaseUrl(strapi);
  const { delivery } = colophonConfig(strapi);
  const stopPruning = pruneChangesHourly(strapi, delivery.changeRetentionDays);
  const stopClearing = clearPersonalDataDaily(strapi, colophonConfig(strapi).comments.personalDataDays);
  if (!delivery.changeLog) strapi.log.warn('[colophon] CHANGE_LOG=false: no change log, feed, webhooks or response cache (benchmark baseline).');
  const stopWebhooks = delivery.changeLog ? await startWebhookDelivery(strapi, delivery.webhooks) : async () => {};
  const stopMail = await startMailDelivery(strapi);
  return async () => {
    stopPruning();
    stopClearing();
    await stopWebhooks();
    await stopMail();
  };
}
