import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../helpers/database';
import { TEST_SECRETS } from '../helpers/strapi';

/**
 * The app as an operator runs it: the Strapi CLI in a child process, judged by its exit code,
 * which is what systemd, a container orchestrator or CI acts on. The compiled app in dist/
 * comes from the test run's global setup.
 */
interface Run {
  code: number | null;
  output: string;
}

function runStrapi(args: string[], env: Record<string, string>, cwd = PROJECT_ROOT, timeoutMs = 120_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), STRAPI_TELEMETRY_DISABLED: 'true', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`strapi ${args.join(' ')} still running after ${timeoutMs} ms:\n${output.slice(-2000)}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const scratchEnvPath = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'colophon-boot-')), '.env');
// A PostgreSQL server that is not there (nothing listens on port 1): the connection is refused
// at once, the way a missing database or a wrong host is.
const UNREACHABLE_DATABASE = { DATABASE_CLIENT: 'postgres', DATABASE_HOST: '127.0.0.1', DATABASE_PORT: '1' };

/**
 * A copy of the app's sources in a scratch directory, sharing node_modules: `develop` cleans
 * and recompiles its dist/, which must not be the test run's own.
 */
function scratchApp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'colophon-app-'));
  for (const entry of ['config', 'src', 'types', 'public', 'database', 'package.json', 'tsconfig.json']) {
    const from = path.join(PROJECT_ROOT, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dir, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

describe('booting the app from the CLI', () => {
  jest.setTimeout(180_000);

  it('refuses `strapi start` without secrets in a fresh clone, names them, and writes no .env', async () => {
    const envPath = scratchEnvPath();
    const run = await runStrapi(['start'], { ENV_PATH: envPath, ...UNREACHABLE_DATABASE });
    expect(run.code).not.toBe(0);
    expect(run.output).toMatch(/Missing required secrets APP_KEYS, API_TOKEN_SALT/);
    expect(fs.existsSync(envPath)).toBe(false);
  });

  it('exits non-zero from `strapi start` when the database cannot be reached', async () => {
    const run = await runStrapi(['start'], { ENV_PATH: scratchEnvPath(), NODE_ENV: 'production', ...TEST_SECRETS, ...UNREACHABLE_DATABASE });
    expect(run.code).not.toBe(0);
  });

  it('refuses MySQL/MariaDB with a message that says so, before touching the database', async () => {
    const run = await runStrapi(['start'], {
      ENV_PATH: scratchEnvPath(),
      NODE_ENV: 'production',
      ...TEST_SECRETS,
      DATABASE_CLIENT: 'mysql',
      DATABASE_HOST: '127.0.0.1',
      DATABASE_PORT: '1',
    });
    expect(run.code).not.toBe(0);
    expect(run.output).toMatch(/DATABASE_CLIENT=mysql is not supported/);
    expect(run.output).not.toMatch(/ECONNREFUSED/);
  });

  it('exits non-zero from `strapi develop` when the database cannot be reached', async () => {
    const app = scratchApp();
    try {
      const run = await runStrapi(
        ['develop', '--no-build-admin', '--no-watch-admin'],
        { ENV_PATH: scratchEnvPath(), ...TEST_SECRETS, ...UNREACHABLE_DATABASE },
        app
      );
      expect(run.output).toMatch(/ECONNREFUSED/);
      expect(run.code).not.toBe(0);
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
  });
});
