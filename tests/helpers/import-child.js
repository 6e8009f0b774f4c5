// Runs the WordPress import from dist/ in its own process, on the database the caller's
// environment names, printing "ITEM <n>" after each item commits, so that a test can kill it
// half-way as a crash or an OOM killer would. Arguments: the export's paths.
'use strict';
const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..', '..');
const distDir = path.join(appDir, 'dist');

(async () => {
  const strapi = createStrapi({ appDir, distDir, serveAdminPanel: false });
  await strapi.load();
  const { importWordpress } = require(path.join(distDir, 'src/strapi/wordpress-import/run-import.js'));
  await importWordpress(strapi, process.argv.slice(2), {
    resume: process.env.IMPORT_RESUME === 'true',
    onProgress: ({ phase, items }) => {
      if (phase === 'import') process.stdout.write(`ITEM ${items}\n`);
    },
  });
  process.stdout.write('DONE\n');
  await strapi.destroy();
  process.exit(0);
})().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
