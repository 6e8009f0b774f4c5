import type { Core } from '@strapi/strapi';
import { previewSettings } from '../src/strapi/preview/settings';
import { ensureSecrets } from '../src/strapi/secrets';

export default ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => {
  ensureSecrets();
  return {
    auth: { secret: env('ADMIN_JWT_SECRET', '') },
    apiToken: { salt: env('API_TOKEN_SALT', '') },
    transfer: { token: { salt: env('TRANSFER_TOKEN_SALT', '') } },
    secrets: { encryptionKey: env('ENCRYPTION_KEY', '') },
    flags: {
      nps: env.bool('FLAG_NPS', false),
      promoteEE: env.bool('FLAG_PROMOTE_EE', false),
    },
    // The Content Manager's Preview button: a signed link to the draft's page (src/strapi/preview).
    preview: previewSettings(env('PREVIEW_SECRET', '')),
  };
};
