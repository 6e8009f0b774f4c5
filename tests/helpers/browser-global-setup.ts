import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { CHROMIUM_PATH } from './browser';
import { PROJECT_ROOT } from './database';
import { stampAdminBuild, staleAdminBuild } from './admin-build';

/**
 * The browser tests drive the built admin panel with Debian's chromium. A missing or stale
 * admin build is rebuilt here (`strapi build`, about a minute and 2 GB), never skipped: a test
 * that passed against yesterday's bundle would prove nothing about today's code. When the
 * build is current, the server code is still compiled afresh, as for the API tests.
 */
export default async function browserGlobalSetup(): Promise<void> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`No browser at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install -y chromium); .ci/run does.`);
  }
  const stale = staleAdminBuild();
  if (stale) {
    process.stdout.write(`\n[browser tests] ${stale}: running strapi build\n`);
    // NODE_ENV=production: jest sets "test", which would build a development bundle.
    execFileSync('npx', ['strapi', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    stampAdminBuild();
    return;
  }
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { compileStrapi } = require('@strapi/strapi');
  await compileStrapi({ appDir: PROJECT_ROOT });
}
