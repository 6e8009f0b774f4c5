// Boots one more Colophon instance from dist/ in its own process, on the database the caller's
// environment names, and prints "LISTENING <port>" once it serves HTTP. Used by the tests that
// need several app instances on one PostgreSQL database, as in production.
'use strict';
const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..', '..');

(async () => {
  const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist'), serveAdminPanel: false });
  await strapi.load();
  strapi.server.mount();
  await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`LISTENING ${strapi.server.httpServer.address().port}\n`);
  const stop = async () => {
    await strapi.destroy().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
})().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
