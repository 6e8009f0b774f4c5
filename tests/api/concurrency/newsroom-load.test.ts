import type { AddressInfo } from 'node:net';
import { createFullAccessToken } from '../../helpers/agents';
import { databaseClient } from '../../helpers/database';
import { newsroom } from '../../helpers/fixtures';
import { startSecondInstance, type SecondInstance } from '../../helpers/instances';
import { bootStrapi, type TestApp } from '../../helpers/strapi';
import path from 'node:path';

const onPostgres = databaseClient() === 'postgres' ? describe : describe.skip;

interface Outcome {
  what: string;
  status: number;
  retryAfter: string | null;
}

/**
 * A newsroom at work on PostgreSQL, as production runs it: two app instances on one database,
 * three editors creating and updating articles through both, while a fourth renames, re-slugs
 * and moves their categories, and two more fire opposite moves at the same moment. Afterwards
 * every derived field, path and redirect must be what a fresh derivation gives, the tree must
 * hold no cycle, and no answer may have been a 5xx other than a 503 with Retry-After.
 */
onPostgres('a newsroom of concurrent editors on two app instances', () => {
  let app: TestApp;
  let second: SecondInstance;
  let token: string;
  let firstUrl: string;

  beforeAll(async () => {
    app = await bootStrapi();
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    firstUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    token = await createFullAccessToken(app);
    second = await startSecondInstance(app);
  });
  afterAll(async () => {
    await second?.stop();
    await new Promise((resolve) => app?.server.close(resolve));
    await app?.stop();
  });

  it('leaves no stale trail, no cycle, no dead redirect, and answers nothing but 2xx, 4xx and 503', async () => {
    const make = newsroom(app);
    await make.site();
    const world = await make.category('Monde', { slug: 'monde' });
    const regions: Array<{ documentId: string }> = [];
    for (const name of ['Asie', 'Europe', 'Afrique']) regions.push(await make.category(name, { parent: world.documentId }));
    const other = await make.category('Société', { slug: 'societe' });
    const x = await make.category('Opposé X');
    const y = await make.category('Opposé Y');
    const articles: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const leaf = [...regions, other][i % 4];
      articles.push((await make.article(`Départ ${i}`, { category: leaf.documentId, published: true })).documentId);
    }

    const outcomes: Outcome[] = [];
    const bases = [firstUrl, second.baseUrl];
    const call = async (what: string, base: string, method: string, path: string, data: Record<string, unknown>) => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ data }),
      });
      const body = (await response.json().catch(() => null)) as any;
      outcomes.push({ what, status: response.status, retryAfter: response.headers.get('retry-after') });
      return body;
    };

    const deadline = Date.now() + 6000;
    const editor = async (n: number) => {
      for (let i = 0; Date.now() < deadline; i += 1) {
        const base = bases[(n + i) % 2];
        const leaf = [...regions, other][(n + i) % 4];
        if (i % 3 === 0) {
          const created = await call('create', base, 'POST', '/api/articles?locale=fr&status=published', {
            title: `Éditeur ${n} article ${i}`,
            category: leaf.documentId,
            credits: [{ role: 'author', person: `Plume ${n}` }],
          });
          if (created?.data?.documentId) articles.push(created.data.documentId);
        } else {
          const documentId = articles[(n * 7 + i) % articles.length];
          await call('update', base, 'PUT', `/api/articles/${documentId}?locale=fr&status=published`, {
            title: `Éditeur ${n} révision ${i}`,
            ...(i % 4 === 1 ? { category: leaf.documentId } : {}),
          });
        }
      }
    };
    const chief = async () => {
      for (let i = 0; Date.now() < deadline; i += 1) {
        const base = bases[i % 2];
        if (i % 3 === 0) {
          await call('rename', base, 'PUT', `/api/categories/${world.documentId}?locale=fr`, { name: `Monde ${i}`, slug: `monde-${i}` });
        } else if (i % 3 === 1) {
          await call('move', base, 'PUT', `/api/categories/${regions[1].documentId}?locale=fr`, {
            parent: i % 2 ? other.documentId : world.documentId,
          });
        } else {
          await call('rename', base, 'PUT', `/api/categories/${other.documentId}?locale=fr`, { name: `Société ${i}` });
        }
      }
    };
    const opposites = async () => {
      while (Date.now() < deadline) {
        await Promise.all([
          call('opposite', firstUrl, 'PUT', `/api/categories/${x.documentId}?locale=fr`, { parent: y.documentId }),
          call('opposite', second.baseUrl, 'PUT', `/api/categories/${y.documentId}?locale=fr`, { parent: x.documentId }),
        ]);
        await call('reset', firstUrl, 'PUT', `/api/categories/${x.documentId}?locale=fr`, { parent: null });
        await call('reset', second.baseUrl, 'PUT', `/api/categories/${y.documentId}?locale=fr`, { parent: null });
      }
    };
    await Promise.all([editor(1), editor(2), editor(3), chief(), opposites()]);

    const failures = outcomes.filter((o) => o.status >= 500 && !(o.status === 503 && Number(o.retryAfter) > 0));
    expect(failures).toEqual([]);
    // Enough really happened for the check to mean something.
    expect(outcomes.filter((o) => o.what === 'rename' && o.status === 200).length).toBeGreaterThan(3);
    expect(outcomes.filter((o) => (o.what === 'create' || o.what === 'update') && o.status < 300).length).toBeGreaterThan(20);
    // Opposite moves never both succeed; the resets always do.
    expect(outcomes.filter((o) => o.what === 'reset' && o.status !== 200)).toEqual([]);

    const { checkConsistency } = require(path.join(app.strapi.dirs.dist.root, 'src/strapi/consistency/index.js'));
    const report = await checkConsistency(app.strapi);
    expect(report.findings.map((finding: { message: string }) => finding.message)).toEqual([]);
    expect(report.total).toBe(0);
  });
});
