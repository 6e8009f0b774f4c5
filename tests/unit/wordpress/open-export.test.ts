import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { ExportOpenError, openExport, readExport, type ExportSource } from '../../../src/strapi/wordpress-import/open-export';
import { WxrSyntaxError } from '../../../src/core/wordpress/readWxr';
import type { WxrRecord } from '../../../src/core/wordpress/types';

/** A small WXR 1.2 document whose items have the given ids, as one part of an export. */
function exportPart(postIds: number[], title = 'Le Quotidien du Port'): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" ?>\n` +
    `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">\n` +
    `<channel>\n<title>${title}</title>\n<wp:wxr_version>1.2</wp:wxr_version>\n` +
    `<wp:base_site_url>https://quotidien.example</wp:base_site_url>\n` +
    postIds.map((id) => `<item><title>Article ${id} — été</title><wp:post_id>${id}</wp:post_id><wp:post_type>post</wp:post_type></item>\n`).join('') +
    `</channel>\n</rss>\n`
  );
}

// A zip writer for the tests: local headers, central directory, end record (APPNOTE 4.3).
// Deflated entries by default, stored ones on request; no zip64, no data descriptors.
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function zipOf(entries: Array<{ name: string; data?: string; stored?: boolean; flags?: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = Buffer.from(entry.data ?? '', 'utf8');
    const body = entry.stored || entry.name.endsWith('/') ? data : deflateRawSync(data);
    const method = entry.stored || entry.name.endsWith('/') ? 0 : 8;
    const flags = 0x0800 | (entry.flags ?? 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(0x00210000, 12);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

async function readAllOf(source: ExportSource): Promise<Array<{ part: string; record: WxrRecord }>> {
  const read: Array<{ part: string; record: WxrRecord }> = [];
  for await (const entry of readExport(source)) read.push(entry);
  return read;
}

const postIdsOf = (read: Array<{ part: string; record: WxrRecord }>) =>
  read.flatMap(({ part, record }) => (record.kind === 'item' ? [`${part}#${record.postId}`] : []));

async function openError(paths: string[]): Promise<ExportOpenError> {
  try {
    await openExport(paths);
  } catch (error) {
    if (error instanceof ExportOpenError) return error;
    throw error;
  }
  throw new Error('expected an ExportOpenError');
}

describe('openExport and readExport', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'colophon-open-export-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function file(name: string, contents: string | Buffer): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, contents);
    return path;
  }

  it('reads one .xml file', async () => {
    const text = exportPart([1, 2]);
    const path = await file('quotidien.wordpress.2026-12-05.xml', text);
    const source = await openExport([path]);
    expect(source.parts.map((part) => [part.name, part.size])).toEqual([['quotidien.wordpress.2026-12-05.xml', Buffer.byteLength(text)]]);
    expect(source.totalBytes).toBe(Buffer.byteLength(text));
    const read = await readAllOf(source);
    expect(read[0]).toEqual({ part: 'quotidien.wordpress.2026-12-05.xml', record: expect.objectContaining({ kind: 'site' }) });
    expect(postIdsOf(read)).toEqual(['quotidien.wordpress.2026-12-05.xml#1', 'quotidien.wordpress.2026-12-05.xml#2']);
  });

  it('reads a split export in the order of its part numbers, not of its arguments', async () => {
    const paths = [
      await file('site.wordpress.2026-12-05.002.xml', exportPart([5])),
      await file('site.wordpress.2026-12-05.000.xml', exportPart([1, 2])),
      await file('site.wordpress.2026-12-05.001.xml', exportPart([3, 4])),
    ];
    const source = await openExport(paths);
    expect(source.parts.map((part) => part.name)).toEqual([
      'site.wordpress.2026-12-05.000.xml',
      'site.wordpress.2026-12-05.001.xml',
      'site.wordpress.2026-12-05.002.xml',
    ]);
    const read = await readAllOf(source);
    expect(postIdsOf(read).map((entry) => entry.split('#')[1])).toEqual(['1', '2', '3', '4', '5']);
    // Every part repeats the channel header.
    expect(read.filter(({ record }) => record.kind === 'site')).toHaveLength(3);
  });

  it('orders part numbers as numbers', async () => {
    const paths = [];
    for (let number = 12; number >= 0; number--) paths.push(await file(`site.${number}.xml`, exportPart([number])));
    const source = await openExport(paths);
    expect(source.parts.map((part) => part.name).slice(8)).toEqual(['site.8.xml', 'site.9.xml', 'site.10.xml', 'site.11.xml', 'site.12.xml']);
  });

  it('reports bytes read across all parts', async () => {
    const first = exportPart([1, 2, 3]);
    const second = exportPart([4]);
    const source = await openExport([await file('site.001.xml', second), await file('site.000.xml', first)]);
    const totals: number[] = [];
    for await (const entry of readExport(source, { onBytes: (total) => totals.push(total) })) void entry;
    expect(totals[totals.length - 1]).toBe(source.totalBytes);
    expect(source.totalBytes).toBe(Buffer.byteLength(first) + Buffer.byteLength(second));
    expect(totals).toContain(Buffer.byteLength(first));
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
  });

  it('reads the .xml entries of a zip in name order, from any folder, ignoring everything else', async () => {
    const path = await file(
      'quotidien.wordpress.2026-12-05.zip',
      zipOf([
        { name: 'export/' },
        { name: 'export/quotidien.wordpress.2026-12-05.001.xml', data: exportPart([3]) },
        { name: 'export/media/photo.jpg', data: 'not a photo' },
        { name: '__MACOSX/export/._quotidien.wordpress.2026-12-05.000.xml', data: 'resource fork' },
        { name: 'export/quotidien.wordpress.2026-12-05.000.xml', data: exportPart([1, 2]), stored: true },
        { name: 'README.txt', data: 'hello' },
      ]),
    );
    const source = await openExport([path]);
    expect(source.parts.map((part) => part.name)).toEqual([
      'quotidien.wordpress.2026-12-05.zip:export/quotidien.wordpress.2026-12-05.000.xml',
      'quotidien.wordpress.2026-12-05.zip:export/quotidien.wordpress.2026-12-05.001.xml',
    ]);
    expect(source.totalBytes).toBe(Buffer.byteLength(exportPart([1, 2])) + Buffer.byteLength(exportPart([3])));
    const read = await readAllOf(source);
    expect(postIdsOf(read).map((entry) => entry.split('#')[1])).toEqual(['1', '2', '3']);
    const [first] = read.filter(({ record }) => record.kind === 'item');
    expect(first.record).toMatchObject({ title: 'Article 1 — été' });
  });

  it('reads a zip made by the zip command, when there is one', async () => {
    const { execFileSync } = await import('node:child_process');
    try {
      execFileSync('zip', ['-v'], { stdio: 'ignore' });
    } catch {
      return; // No zip command here; the hand-made archives above cover the format.
    }
    await mkdir(join(dir, 'wordpress'));
    await file('wordpress/site.xml', exportPart([7, 8]));
    execFileSync('zip', ['-q', '-r', 'site.zip', 'wordpress'], { cwd: dir });
    const source = await openExport([join(dir, 'site.zip')]);
    expect(source.parts.map((part) => part.name)).toEqual(['site.zip:wordpress/site.xml']);
    expect(postIdsOf(await readAllOf(source))).toEqual(['site.zip:wordpress/site.xml#7', 'site.zip:wordpress/site.xml#8']);
  });

  it('stops reading a zip entry when the consumer stops, and can read it again', async () => {
    const path = await file('site.zip', zipOf([{ name: 'site.xml', data: exportPart([1, 2, 3]) }]));
    const source = await openExport([path]);
    for await (const { record } of readExport(source)) if (record.kind === 'item') break;
    expect(postIdsOf(await readAllOf(source))).toHaveLength(3);
  });

  it('names the part in a syntax error', async () => {
    const broken = exportPart([3, 4]).replace('Article 4', 'Article &nbsp; 4');
    const source = await openExport([await file('site.000.xml', exportPart([1, 2])), await file('site.001.xml', broken)]);
    const read: WxrRecord[] = [];
    let caught: unknown;
    try {
      for await (const { record } of readExport(source)) read.push(record);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(WxrSyntaxError);
    const error = caught as WxrSyntaxError;
    expect(error.part).toBe('site.001.xml');
    expect([error.line, error.recordsBefore]).toEqual([8, 2]);
    expect(error.message).toMatch(/^site\.001\.xml: line 8, column \d+: undefined entity\./);
    expect(read.filter((record) => record.kind === 'item')).toHaveLength(3);
  });

  describe('refuses, before reading anything', () => {
    it('no file', async () => {
      expect((await openError([])).message).toBe('no export file given');
    });

    it('a missing file', async () => {
      const path = join(dir, 'absent.xml');
      const error = await openError([path]);
      expect([error.path, error.reason]).toEqual([path, 'no such file']);
      expect(error.message).toBe(`${path}: no such file`);
    });

    it('a directory', async () => {
      await mkdir(join(dir, 'export.xml'));
      expect((await openError([join(dir, 'export.xml')])).reason).toMatch(/is a directory/);
    });

    it('an unknown extension', async () => {
      const path = await file('export.xml.gz', 'gzip');
      const error = await openError([path]);
      expect(error.path).toBe(path);
      expect(error.reason).toMatch(/unknown extension "\.gz"/);
    });

    it('a zip that is not one', async () => {
      const path = await file('export.zip', exportPart([1]));
      const error = await openError([path]);
      expect(error.path).toBe(path);
      expect(error.reason).toMatch(/not a readable zip archive/);
    });

    it('a zip without an .xml file', async () => {
      const path = await file('media.zip', zipOf([{ name: 'photo.jpg', data: 'x' }, { name: '__MACOSX/._site.xml', data: 'x' }]));
      expect((await openError([path])).reason).toBe('the archive holds no .xml file');
    });

    it('an encrypted zip entry', async () => {
      const path = await file('locked.zip', zipOf([{ name: 'site.xml', data: exportPart([1]), flags: 1 }]));
      expect((await openError([path])).reason).toBe('its entry site.xml is encrypted');
    });

    it('a zip given with other files', async () => {
      const zip = await file('site.zip', zipOf([{ name: 'site.xml', data: exportPart([1]) }]));
      const xml = await file('site.001.xml', exportPart([2]));
      expect((await openError([xml, zip])).path).toBe(zip);
    });

    it('several files that are not numbered parts', async () => {
      const error = await openError([await file('a.xml', exportPart([1])), await file('b.001.xml', exportPart([2]))]);
      expect(error.path).toBe(join(dir, 'a.xml'));
      expect(error.reason).toMatch(/not a numbered part of a split export/);
    });

    it('parts of two different exports', async () => {
      const error = await openError([await file('one.000.xml', exportPart([1])), await file('two.001.xml', exportPart([2]))]);
      expect(error.reason).toMatch(/not a part of the same export/);
    });

    it('a split export with a part missing', async () => {
      const error = await openError([await file('site.002.xml', exportPart([3])), await file('site.000.xml', exportPart([1]))]);
      expect(error.path).toBe(join(dir, 'site.002.xml'));
      expect(error.reason).toMatch(/part numbered between them is missing/);
    });

    it('the same part twice', async () => {
      const path = await file('site.000.xml', exportPart([1]));
      expect((await openError([path, path])).reason).toMatch(/is part 000 again/);
    });
  });
});
