import type { Core } from '@strapi/strapi';

const config: Core.Config.Middlewares = [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  // After the parsers, before anything reads what they parsed.
  'global::input-guard',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
