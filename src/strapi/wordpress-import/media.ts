import fs from 'node:fs';
import path from 'node:path';
import type { ImportContext } from './context';
import { fingerprintOf, syntheticId } from './id-map';
import { tally } from './report';

/** An upload as Strapi's media fields and image blocks hold it. */
export type UploadedFile = Record<string, unknown> & { id: number; url: string };

const MIME_BY_EXTENSION: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
};

/**
 * Where WordPress's file for `url` sits under --media-dir (a copy of wp-content/uploads): the
 * part of the URL after `/wp-content/uploads/`, else (WordPress.com's files.wordpress.com and
 * other CDNs) the URL's path, with WordPress's size suffix (`-300x200`) tried off as well, as
 * the original is what WordPress keeps. Images only (JPEG, PNG, GIF, WebP, AVIF; not SVG, which
 * can carry script), and only inside --media-dir once symbolic links are followed. Null when no
 * such file is there.
 */
export function findMediaFile(mediaDir: string, url: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return null;
  }
  const marker = pathname.indexOf('/wp-content/uploads/');
  const relatives = marker >= 0 ? [pathname.slice(marker + '/wp-content/uploads/'.length)] : [pathname.replace(/^\/+/, '')];
  for (const relative of [...relatives]) relatives.push(relative.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, '$1'));
  let root: string;
  try {
    root = fs.realpathSync(mediaDir);
  } catch {
    return null;
  }
  for (const relative of relatives) {
    // Images only: an export can point an <img> at anything under uploads (a backup, a log),
    // and an upload is public.
    if (!(path.extname(relative).toLowerCase() in MIME_BY_EXTENSION)) continue;
    try {
      // Never outside --media-dir, whatever `..` the URL or a symbolic link holds.
      const candidate = fs.realpathSync(path.resolve(root, relative));
      if (candidate.startsWith(root + path.sep) && fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not there; try the next
    }
  }
  return null;
}

/**
 * The upload for one WordPress image (by attachment id when the export names one, else by its
 * URL), made once per run and found again on the next: the file from --media-dir goes through
 * Strapi's upload service (its formats, its provider), outside any item's transaction, as a
 * file cannot be rolled back. A missing file, or one Strapi refuses, is reported against the
 * post and gives null: the caller keeps the image's caption as text.
 */
export async function uploadImage(
  context: ImportContext,
  image: { url: string; attachmentId: number | null; alt: string; caption: string },
  postId: number
): Promise<UploadedFile | null> {
  const { strapi, ids } = context;
  const wpId = image.attachmentId ?? syntheticId(`image:${image.url}`);
  // Counted once per run, however many posts show it.
  const first = !context.usedAttachments.has(wpId);
  context.usedAttachments.add(wpId);
  const count = (outcome: 'created' | 'unchanged') => first && tally(context.report, 'attachment', outcome);
  const skip = (reason: string) => (first ? tally(context.report, 'attachment', 'skipped', { wpId: image.attachmentId, reason }) : undefined);
  const known = await ids.find(null, 'attachment', wpId);
  if (known) {
    const file = await strapi.db.query('plugin::upload.file').findOne({ where: { id: Number(known.documentId) } });
    if (file) {
      count('unchanged');
      return file as UploadedFile;
    }
  }
  if (!context.mediaDir) {
    skip(`image ${image.url} of post ${postId}: no --media-dir given`);
    return null;
  }
  const filepath = findMediaFile(context.mediaDir, image.url);
  if (!filepath) {
    skip(`image ${image.url} of post ${postId}: no such image file under ${context.mediaDir}`);
    return null;
  }
  if (context.dryRun) {
    count('created');
    return null;
  }
  try {
    const [file] = await strapi
      .plugin('upload')
      .service('upload')
      .upload({
        data: { fileInfo: { name: path.basename(filepath), alternativeText: image.alt || null, caption: image.caption || null } },
        files: {
          filepath,
          originalFilename: path.basename(filepath),
          mimetype: MIME_BY_EXTENSION[path.extname(filepath).toLowerCase()] ?? 'application/octet-stream',
          size: fs.statSync(filepath).size,
        },
      });
    await ids.remember(null, 'attachment', wpId, { documentId: String(file.id), locale: null, fingerprint: fingerprintOf(image.url) });
    count('created');
    return file as UploadedFile;
  } catch (error) {
    skip(`image ${image.url} of post ${postId}: ${(error as Error).message}`);
    return null;
  }
}
