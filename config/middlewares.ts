import type { Core } from '@strapi/strapi';

const config: Core.Config.Middlewares = [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  // Koa-body's defaults, written out because the README promises them: larger JSON is a 413.
  { name: 'strapi::body', config: { jsonLimit: '1mb', formLimit: '56kb', textLimit: '56kb' } },
  // After the parsers, before anything reads what they parsed.
  'global::input-guard',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
