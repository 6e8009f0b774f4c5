import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../helpers/database';

/**
 * .env.example is the operator's list of settings: every variable the code reads must be on it,
 * or a production deploy cannot know it exists. The names are collected from the code itself,
 * so a new env() call without its line here fails this test.
 */
const READS = [
  // env('NAME'), env.int('NAME'), env.bool('NAME'), … in config files
  /\benv(?:\.(?:int|bool|array|float|json|date))?\(\s*['"]([A-Z][A-Z0-9_]*)['"]/g,
  // process.env.NAME, process.env['NAME']
  /\bprocess\.env\.([A-Z][A-Z0-9_]*)\b/g,
  /\bprocess\.env\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\]/g,
  // env.NAME where env is a NodeJS.ProcessEnv parameter (helpers are lower case: env.int)
  /\benv\.([A-Z][A-Z0-9_]*)\b/g,
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js)$/.test(entry.name) ? [full] : [];
  });
}

function variablesReadByTheCode(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of [...sourceFiles(path.join(PROJECT_ROOT, 'config')), ...sourceFiles(path.join(PROJECT_ROOT, 'src'))]) {
    const text = fs.readFileSync(file, 'utf8');
    for (const pattern of READS) {
      for (const match of text.matchAll(pattern)) {
        if (!found.has(match[1])) found.set(match[1], path.relative(PROJECT_ROOT, file));
      }
    }
  }
  // The secrets are read by name from a list: src/strapi/secrets.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { REQUIRED_SECRETS } = require('../../src/strapi/secrets');
  for (const name of REQUIRED_SECRETS as string[]) if (!found.has(name)) found.set(name, 'src/strapi/secrets/index.ts');
  return found;
}

describe('.env.example', () => {
  const example = fs.readFileSync(path.join(PROJECT_ROOT, '.env.example'), 'utf8');
  const listed = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]));
  const read = variablesReadByTheCode();

  it('finds the variables the code reads (the scan itself works)', () => {
    for (const known of ['DATABASE_CLIENT', 'COMMENT_FLOOD_SECONDS', 'ADMIN_EMAIL', 'APP_KEYS', 'GRAPHQL_MAX_COST']) {
      expect(read.has(known)).toBe(true);
    }
  });

  it('lists every variable the code reads', () => {
    const missing = [...read].filter(([name]) => !listed.has(name)).map(([name, file]) => `${name} (read in ${file})`);
    expect(missing).toEqual([]);
  });

  it('lists nothing the code no longer reads', () => {
    const stale = [...listed].filter((name) => !read.has(name));
    expect(stale).toEqual([]);
  });
});
