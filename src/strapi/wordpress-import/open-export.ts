import { createReadStream } from 'node:fs';
import { access, constants, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { readWxr, WxrSyntaxError, type ReadWxrOptions } from '../../core/wordpress/readWxr';
import type { WxrRecord } from '../../core/wordpress/types';

/**
 * An export could not be opened: nothing of it has been read. `path` is the file as given
 * (empty when no file was given), `reason` says what is wrong with it.
 */
export class ExportOpenError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(path === '' ? reason : `${path}: ${reason}`);
    this.name = 'ExportOpenError';
  }
}

/** One WXR document of an export: a file, or an entry of a zip. */
export interface ExportPart {
  /** The file's name, or `archive.zip:folder/entry.xml`: stable across runs, for messages and resume keys. */
  name: string;
  /** Its size in bytes, uncompressed: what readWxr's onBytes counts up to. */
  size: number;
  /** Its bytes, from the start, each time it is called. */
  open(): AsyncIterable<Uint8Array>;
}

/** What openExport found: the export's parts in reading order, each a complete WXR document. */
export interface ExportSource {
  parts: ExportPart[];
  /** The parts' sizes added up. */
  totalBytes: number;
}

/**
 * Opens a WordPress export for reading, checking everything that can be checked before
 * reading it. `paths` is one of:
 * - one `.xml` file, as wp-admin's Tools > Export writes it;
 * - one `.zip`, as WordPress.com's export downloads: its `.xml` entries, in any folder, read
 *   in name order (numbers compared as numbers); other entries, and the `._` shadow files of
 *   a zip made on macOS, are ignored;
 * - the files of a split export (`site.wordpress.2026-12-05.000.xml`, `.001.xml`…, which
 *   WordPress.com writes when an export is large), in any order: read in the order of the
 *   number before `.xml`. Each part repeats the channel header, so each is a whole document.
 *
 * Throws ExportOpenError naming the path for: no path, a missing or unreadable file, a
 * directory, an extension other than .xml and .zip, a zip that cannot be read or holds no
 * .xml entry (or only encrypted or oddly compressed ones), a zip given with other files,
 * several files that are not the numbered parts of one export, or a part missing between two
 * given ones.
 */
export async function openExport(paths: string[]): Promise<ExportSource> {
  if (paths.length === 0) throw new ExportOpenError('', 'no export file given');
  const sizes: number[] = [];
  for (const path of paths) sizes.push(await checkReadableFile(path));
  const zips = paths.filter((path) => extensionOf(path) === '.zip');
  if (zips.length > 0 && paths.length > 1) {
    throw new ExportOpenError(zips[0], 'a .zip export is read on its own; give it without other files');
  }
  const parts = zips.length === 1 ? await listZipParts(zips[0]) : listXmlParts(paths, sizes);
  return { parts, totalBytes: parts.reduce((total, part) => total + part.size, 0) };
}

/**
 * Reads every part of `source` in order and yields each record with the part it came from.
 * `onBytes(total)` counts bytes across all parts, so `total / source.totalBytes` is the
 * progress of the whole export. A WxrSyntaxError comes out with the part's name in its
 * message and in `part`; its line, column and recordsBefore are within that part.
 */
export async function* readExport(
  source: ExportSource,
  options: ReadWxrOptions = {},
): AsyncGenerator<{ part: string; record: WxrRecord }> {
  let bytesBefore = 0;
  for (const part of source.parts) {
    let bytesOfPart = 0;
    const onBytes = (total: number) => {
      bytesOfPart = total;
      options.onBytes?.(bytesBefore + total);
    };
    try {
      for await (const record of readWxr(part.open(), { onBytes })) yield { part: part.name, record };
    } catch (error) {
      if (!(error instanceof WxrSyntaxError) || error.part !== null) throw error;
      throw new WxrSyntaxError(error.reason, error.line, error.column, error.recordsBefore, part.name);
    }
    bytesBefore += bytesOfPart;
  }
}

function extensionOf(path: string): string {
  return extname(path).toLowerCase();
}

/** The file's size, once it is known to be a readable .xml or .zip file. */
async function checkReadableFile(path: string): Promise<number> {
  const stats = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new ExportOpenError(path, error.code === 'ENOENT' ? 'no such file' : `cannot be read (${error.code ?? error.message})`);
  });
  if (stats.isDirectory()) throw new ExportOpenError(path, 'is a directory; give the export’s .xml or .zip file');
  if (!stats.isFile()) throw new ExportOpenError(path, 'is not a regular file');
  const extension = extensionOf(path);
  if (extension !== '.xml' && extension !== '.zip') {
    throw new ExportOpenError(path, `unknown extension "${extension}"; a WordPress export is a .xml or a .zip file`);
  }
  await access(path, constants.R_OK).catch((error: NodeJS.ErrnoException) => {
    throw new ExportOpenError(path, `cannot be read (${error.code ?? error.message})`);
  });
  return stats.size;
}

function listXmlParts(paths: string[], sizes: number[]): ExportPart[] {
  const parts = paths.map((path, index) => ({
    name: basename(path),
    size: sizes[index],
    open: () => createReadStream(path, { highWaterMark: 64 * 1024 }),
  }));
  if (paths.length === 1) return parts;
  const numbered = paths.map((path, index) => ({ path, part: parts[index], ...splitPartNumber(path) }));
  numbered.sort((a, b) => a.number - b.number);
  for (let index = 1; index < numbered.length; index++) {
    const previous = numbered[index - 1];
    const current = numbered[index];
    if (current.stem !== previous.stem) {
      throw new ExportOpenError(current.path, `is not a part of the same export as ${previous.path}`);
    }
    if (current.number === previous.number) {
      throw new ExportOpenError(current.path, `is part ${current.digits} again (also ${previous.path})`);
    }
    // A missing part would silently lose every post in it.
    if (current.number !== previous.number + 1) {
      throw new ExportOpenError(current.path, `follows ${previous.path}, but the part numbered between them is missing`);
    }
  }
  return numbered.map(({ part }) => part);
}

/** `site.wordpress.2026-12-05.001.xml` → stem `site.wordpress.2026-12-05.`, number 1. */
function splitPartNumber(path: string): { stem: string; digits: string; number: number } {
  const match = /^(.*?)(\d+)\.xml$/i.exec(basename(path));
  if (!match) {
    throw new ExportOpenError(
      path,
      'several files were given, but this one is not a numbered part of a split export (name.000.xml, name.001.xml…)',
    );
  }
  return { stem: match[1], digits: match[2], number: Number(match[2]) };
}

async function listZipParts(path: string): Promise<ExportPart[]> {
  const zip = await openZip(path).catch((error: Error) => {
    throw new ExportOpenError(path, `is not a readable zip archive (${error.message})`);
  });
  const found: Array<{ name: string; index: number; size: number }> = [];
  try {
    for (let index = 0; ; index++) {
      const entry = await readEntry(zip).catch((error: Error) => {
        throw new ExportOpenError(path, `is not a readable zip archive (${error.message})`);
      });
      if (entry === null) break;
      if (!isExportEntry(entry.fileName)) continue;
      // yauzl decodes stored (0) and deflated (8) entries, and no encryption.
      if ((entry.generalPurposeBitFlag & 1) !== 0) {
        throw new ExportOpenError(path, `its entry ${entry.fileName} is encrypted`);
      }
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        const method = entry.compressionMethod;
        throw new ExportOpenError(path, `its entry ${entry.fileName} uses compression method ${method}; only stored and deflated entries are read`);
      }
      found.push({ name: entry.fileName, index, size: entry.uncompressedSize });
    }
  } finally {
    zip.close();
  }
  if (found.length === 0) throw new ExportOpenError(path, 'the archive holds no .xml file');
  found.sort((a, b) => compareNames(a.name, b.name));
  const archive = basename(path);
  return found.map((entry) => ({
    name: `${archive}:${entry.name}`,
    size: entry.size,
    open: () => readZipEntry(path, entry.index),
  }));
}

/** An .xml file, but not the `._` AppleDouble shadow macOS adds beside it (under `__MACOSX/`). */
function isExportEntry(fileName: string): boolean {
  if (fileName.endsWith('/') || extensionOf(fileName) !== '.xml') return false;
  return !basename(fileName).startsWith('._');
}

/** Name order, with runs of digits compared as numbers (`part.2.xml` before `part.10.xml`). */
function compareNames(a: string, b: string): number {
  const runs = /\d+|\D+/g;
  const left = a.match(runs) ?? [];
  const right = b.match(runs) ?? [];
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const [x, y] = [left[index], right[index]];
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y) && Number(x) !== Number(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

/**
 * The entry's bytes, inflated as they are read: the archive is opened again for each read, so
 * nothing stays open between parts or after a consumer stops early.
 */
async function* readZipEntry(path: string, wanted: number): AsyncGenerator<Uint8Array> {
  const zip = await openZip(path);
  try {
    let entry = await readEntry(zip);
    for (let index = 0; index < wanted && entry !== null; index++) entry = await readEntry(zip);
    if (entry === null) throw new Error(`${path}: entry ${wanted} is gone; was the archive replaced since it was opened?`);
    const stream = await openEntryStream(zip, entry);
    yield* stream;
  } finally {
    zip.close();
  }
}

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, zip) => (error ? reject(error) : resolve(zip)));
  });
}

/** The next entry of a zip opened with lazyEntries, or null after the last. */
function readEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const settle = (callback: () => void) => {
      zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
      callback();
    };
    const onEntry = (entry: Entry) => settle(() => resolve(entry));
    const onEnd = () => settle(() => resolve(null));
    const onError = (error: Error) => settle(() => reject(error));
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}

function openEntryStream(zip: ZipFile, entry: Entry): Promise<AsyncIterable<Uint8Array>> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream)));
  });
}
