import type { Core } from '@strapi/strapi';

const config: Core.Config.Middlewares = [
  'strapi::logger',
  // Outside the error handler: it tags and validates what is finally sent, errors included. A
  // public GET the response cache holds, with the headers the middlewares below wrote for it,
  // is answered here without running them.
  'global::http-caching',
  'strapi::errors',
  // Inside the error handler, around everything else: a request that found the database busy
  // (no connection in time, or contention outside the document service) is a 503, not a 500.
  'global::busy-database',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  // Koa-body's defaults, written out because the README promises them: larger JSON is a 413.
  { name: 'strapi::body', config: { jsonLimit: '1mb', formLimit: '56kb', textLimit: '56kb' } },
  // After the parsers, before anything reads what they parsed.
  'global::input-guard',
  // Every other public read the cache holds (a GraphQL POST, another Origin) is answered here
  // and skips everything below (global::http-caching tags them).
  'global::response-cache',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
