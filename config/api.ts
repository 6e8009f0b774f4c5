import type { Core } from '@strapi/strapi';

// Strapi ships REST pagination unbounded: ?pagination[pageSize]=100000 would load a whole table.
const config: Core.Config.Api = {
  rest: {
    defaultLimit: 25,
    maxLimit: 100,
    withCount: true,
  },
};

export default config;
