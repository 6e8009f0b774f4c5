import type { Core } from '@strapi/strapi';

/** Colophon's own options, read from config/colophon.ts. One typed object for the whole feature set. */
export interface ColophonConfig {
  demo: {
    /** Seed the demo newsroom on the first boot of an empty database (SEED_DEMO). */
    enabled: boolean;
  };
}

export function colophonConfig(strapi: Core.Strapi): ColophonConfig {
  return strapi.config.get('colophon') as ColophonConfig;
}
