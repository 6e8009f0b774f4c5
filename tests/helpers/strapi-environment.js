const { TestEnvironment } = require('jest-environment-node');

/**
 * The API and browser tests' environment: Node's, plus a door out of Jest's module registry.
 *
 * Jest evaluates every module afresh in each test file, and Strapi with its dependencies is
 * thousands of modules: about 3.5 s of each file's first boot, paid again by all 85 files on
 * each database. Through `__colophonHost.require` the harness loads Strapi, and the app's dist/
 * it requires, once per Jest process, the way a server process loads them once and boots many
 * times. Test files stay isolated from each other: each boots its own Strapi on its own
 * database, as every file that boots twice already does. Modules loaded this way read the
 * process's own environment and listeners, not Jest's per-file copies, hence `env` and
 * `process`; what a file changed of them is put back when it ends, so none leaks into the next.
 *
 * A test file's globals come from its own realm, so a Date a test hands Strapi would fail
 * Strapi's `instanceof Date` (and reach SQLite unconverted): the file gets the process's Date.
 */
class StrapiEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.__colophonHost = { require, env: process.env, process };
    this.global.Date = Date;
  }

  async setup() {
    await super.setup();
    this.savedEnv = { ...process.env };
    this.savedExitCode = process.exitCode;
  }

  async teardown() {
    // A file that failed to stop its app (a boot that timed out, a stop that threw) must not
    // hand its settings (NODE_ENV=production, RESPONSE_CACHE…) to the next file.
    for (const key of Object.keys(process.env)) if (!(key in this.savedEnv)) delete process.env[key];
    Object.assign(process.env, this.savedEnv);
    // exit-on-failure sets process.exitCode on a boot that fails on purpose: a green run exits 0.
    process.exitCode = this.savedExitCode;
    await super.teardown();
  }
}

module.exports = StrapiEnvironment;
