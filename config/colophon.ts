import type { Core } from '@strapi/strapi';
import type { ColophonConfig } from '../src/strapi/colophon-config';

export default ({ env }: Core.Config.Shared.ConfigParams): ColophonConfig => ({
  demo: {
    enabled: env.bool('SEED_DEMO', true),
  },
});
