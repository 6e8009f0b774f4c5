import { bootStrapi } from '../helpers/strapi';

describe('secrets outside development', () => {
  it('refuses to start in production without JWT_SECRET, and names it', async () => {
    await expect(bootStrapi({ env: { NODE_ENV: 'production', JWT_SECRET: '' } })).rejects.toThrow(
      /Missing required secret JWT_SECRET/
    );
  });

  it('names every missing secret at once', async () => {
    await expect(
      bootStrapi({ env: { NODE_ENV: 'production', ADMIN_JWT_SECRET: '', ENCRYPTION_KEY: '' } })
    ).rejects.toThrow(/ADMIN_JWT_SECRET, ENCRYPTION_KEY/);
  });
});

describe('secrets in development', () => {
  // The function the config files call; exercised on a scratch .env instead of the project's.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { ensureSecrets, REQUIRED_SECRETS } = require('../../src/strapi/secrets');
  const fs = require('node:fs') as typeof import('node:fs');
  const os = require('node:os') as typeof import('node:os');
  const path = require('node:path') as typeof import('node:path');

  const scratch = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'colophon-env-')), '.env');

  it('writes every missing secret into .env on the first start, then leaves them alone', () => {
    const envFile = scratch();
    const env: NodeJS.ProcessEnv = { NODE_ENV: 'development' };
    ensureSecrets(env, envFile, 'develop');

    const written = fs.readFileSync(envFile, 'utf8');
    for (const name of REQUIRED_SECRETS) {
      expect(env[name]).toEqual(expect.any(String));
      expect(written).toContain(`${name}=${env[name]}`);
    }
    expect(env.APP_KEYS!.split(',')).toHaveLength(4);

    const again: NodeJS.ProcessEnv = { NODE_ENV: 'development', ...Object.fromEntries(REQUIRED_SECRETS.map((n: string) => [n, env[n]])) };
    ensureSecrets(again, envFile, 'develop');
    expect(fs.readFileSync(envFile, 'utf8')).toBe(written);
  });

  it('fills the empty lines of a .env copied from .env.example instead of appending duplicates', () => {
    const envFile = scratch();
    fs.writeFileSync(envFile, 'PORT=1337\nJWT_SECRET=\nAPP_KEYS=\n');
    const env: NodeJS.ProcessEnv = { NODE_ENV: 'development', JWT_SECRET: '', APP_KEYS: '' };
    ensureSecrets(env, envFile, 'develop');

    const lines = fs.readFileSync(envFile, 'utf8').split('\n');
    expect(lines[0]).toBe('PORT=1337');
    expect(lines[1]).toBe(`JWT_SECRET=${env.JWT_SECRET}`);
    expect(lines.filter((line: string) => line.startsWith('JWT_SECRET='))).toHaveLength(1);
    expect(env.JWT_SECRET).not.toBe('');
  });
});

describe('secrets by command', () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { ensureSecrets, strapiCommandOf } = require('../../src/strapi/secrets');
  const fs = require('node:fs') as typeof import('node:fs');
  const os = require('node:os') as typeof import('node:os');
  const path = require('node:path') as typeof import('node:path');

  const scratch = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'colophon-env-')), '.env');

  it('reads the command from the Strapi CLI’s argv', () => {
    expect(strapiCommandOf(['/usr/bin/node', '/app/node_modules/@strapi/strapi/bin/strapi.js', 'develop'])).toBe('develop');
    expect(strapiCommandOf(['/usr/bin/node', '/app/node_modules/.bin/strapi', 'start'])).toBe('start');
    expect(strapiCommandOf(['/usr/bin/node', '/app/scripts/rederive.js'])).toBeUndefined();
  });

  it.each(['build', 'ts:generate-types', 'routes:list'])('neither writes nor demands secrets for `%s`, which serves nothing', (command) => {
    const envFile = scratch();
    const env: NodeJS.ProcessEnv = { NODE_ENV: 'production' };
    expect(() => ensureSecrets(env, envFile, command)).not.toThrow();
    expect(fs.existsSync(envFile)).toBe(false);
    expect(env.JWT_SECRET).toBeUndefined();
  });

  it.each([
    ['start', 'development'],
    ['start', 'production'],
    [undefined, 'development'],
    ['develop', 'production'],
  ])('refuses `%s` in %s without secrets, and writes nothing', (command, nodeEnv) => {
    const envFile = scratch();
    expect(() => ensureSecrets({ NODE_ENV: nodeEnv }, envFile, command)).toThrow(/Missing required secrets APP_KEYS/);
    expect(fs.existsSync(envFile)).toBe(false);
  });
});
