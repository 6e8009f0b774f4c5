import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './database';

/** Where `strapi build` writes the admin panel, and where Strapi serves it from (dist/build). */
export const ADMIN_BUILD_DIR = path.join(PROJECT_ROOT, 'dist', 'build');
const STAMP_FILE = path.join(ADMIN_BUILD_DIR, '.colophon-sources');

/** What the admin bundle is built from: our extensions, what they import, and the locked packages. */
const ADMIN_INPUTS = [
  'src/admin',
  'src/strapi/comments/model.ts',
  'src/strapi/bootstrap/field-labels.ts',
  'src/strapi/bootstrap/field-labels-fr.ts',
  'package-lock.json',
  'config/admin.ts',
];

function filesUnder(relative: string): string[] {
  const absolute = path.join(PROJECT_ROOT, relative);
  if (!fs.existsSync(absolute)) return [];
  if (fs.statSync(absolute).isFile()) return [relative];
  return fs
    .readdirSync(absolute)
    .sort()
    .flatMap((name) => filesUnder(path.join(relative, name)));
}

/** A hash of every admin input: the build is current when its stamp matches. */
export function adminSourcesHash(): string {
  const hash = crypto.createHash('sha256');
  for (const file of ADMIN_INPUTS.flatMap(filesUnder)) {
    hash.update(file).update('\0').update(fs.readFileSync(path.join(PROJECT_ROOT, file))).update('\0');
  }
  return hash.digest('hex');
}

/** Why the admin build cannot be used as it is, or null when it is current. */
export function staleAdminBuild(): string | null {
  if (!fs.existsSync(path.join(ADMIN_BUILD_DIR, 'index.html'))) return `no admin build in ${ADMIN_BUILD_DIR}`;
  const stamp = fs.existsSync(STAMP_FILE) ? fs.readFileSync(STAMP_FILE, 'utf8').trim() : '';
  return stamp === adminSourcesHash() ? null : 'the admin build predates the current admin sources';
}

export function stampAdminBuild(): void {
  fs.writeFileSync(STAMP_FILE, `${adminSourcesHash()}\n`);
}
