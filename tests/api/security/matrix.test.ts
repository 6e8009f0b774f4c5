import fs from 'node:fs';
import path from 'node:path';
import type { Response } from 'supertest';
import { asPublic, createUserJwt, graphql } from '../../helpers/agents';
import { PROJECT_ROOT } from '../../helpers/database';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';
import { storedComment } from '../comments/support';

/**
 * The security matrix. Every content type the app declares (read from src/api/*\/schema.json,
 * plus the users-permissions user) × every private attribute Strapi knows for it at runtime
 * (the schema's `private` fields, passwords, and Strapi's own createdBy/updatedBy) × every
 * relation into a draft & publish type (and `localizations`), used as `fields`, `populate`,
 * `filters` and `sort`, over REST and GraphQL, by Public and by a signed-in reader.
 *
 * A leak is the private value, or a draft, in an answer. An oracle is an answer that changes
 * with the private value: the same request with the true value and with a wrong one, or sorted
 * ascending and descending, must get the same answer (both refused, or both the same rows in
 * the same order). A new content type or a new private field is covered without editing this
 * file; give the fixture rows values for it to make its oracle checks bite.
 */

interface Probe {
  uid: string;
  route: string;
  graphqlQuery?: string;
  localized: boolean;
  privateAttributes: Array<{ name: string; kind: 'scalar' | 'relation' }>;
  draftRelations: Array<{ name: string; target: string; textField: string }>;
}

const API_TYPES = fs
  .readdirSync(path.join(PROJECT_ROOT, 'src', 'api'))
  .flatMap((api) => {
    const dir = path.join(PROJECT_ROOT, 'src', 'api', api, 'content-types');
    return fs.existsSync(dir) ? fs.readdirSync(dir).map((name) => `api::${api}.${name}`) : [];
  });
const TYPES = [...API_TYPES, 'plugin::users-permissions.user'];

const DRAFT_ONLY_TITLES = ['Aardvark embargo', 'Zebra embargo'];
const DRAFT_TRANSLATION_TITLE = 'Quokka draft translation';

describe('the security matrix', () => {
  let app: TestApp;
  let readerJwt: string;
  const probes = new Map<string, Probe>();
  /** Real private values per type and attribute, read from the database. */
  const secrets = new Map<string, unknown[]>();
  const leaks: string[] = [];
  const oracles: string[] = [];

  const contentType = (uid: string) => (app.strapi.contentTypes as Record<string, any>)[uid];

  function probeOf(uid: string): Probe {
    const type = contentType(uid);
    const attributes = type.attributes as Record<string, any>;
    const privateAttributes = Object.entries(attributes)
      .filter(([, a]) => a.private === true || a.type === 'password')
      .map(([name, a]) => ({ name, kind: a.type === 'relation' ? ('relation' as const) : ('scalar' as const) }));
    const draftRelations = Object.entries(attributes)
      .filter(([name, a]) => a.type === 'relation' && !a.private && (contentType(a.target)?.options?.draftAndPublish || name === 'localizations'))
      .map(([name, a]) => {
        const target = contentType(a.target);
        const textField = Object.entries(target.attributes as Record<string, any>).find(([, t]) => t.type === 'string' && !t.private)![0];
        return { name, target: a.target, textField };
      });
    const route = type.kind === 'singleType' ? `/api/${type.info.singularName}` : `/api/${type.info.pluralName}`;
    const graphqlQuery = uid.startsWith('api::') ? (type.kind === 'singleType' ? type.info.singularName : type.info.pluralName) : undefined;
    return { uid, route, graphqlQuery, localized: Boolean(type.pluginOptions?.i18n?.localized), privateAttributes, draftRelations };
  }

  async function readSecrets(probe: Probe): Promise<void> {
    for (const attribute of probe.privateAttributes) {
      const rows = await app.strapi.db
        .query(probe.uid as any)
        .findMany(attribute.kind === 'relation' ? { populate: { [attribute.name]: true } } : {});
      const values = rows
        .map((row: any) => (attribute.kind === 'relation' ? row[attribute.name]?.id : row[attribute.name]))
        .filter((value: unknown) => value !== null && value !== undefined && value !== '');
      secrets.set(`${probe.uid}.${attribute.name}`, [...new Set(values)]);
    }
  }

  beforeAll(async () => {
    app = await bootStrapi();
    const make = newsroom(app);
    await make.site();
    const alpha = await make.category('Matrix Alpha');
    const beta = await make.category('Matrix Beta');
    const published = await make.article('Public story', { category: alpha.documentId, published: true });
    await make.article('Another public story', { category: beta.documentId, published: true });
    await make.article(DRAFT_ONLY_TITLES[0], { category: beta.documentId });
    await make.article(DRAFT_ONLY_TITLES[1], { category: alpha.documentId });
    await (app.strapi.documents('api::article.article' as any) as any).update({
      documentId: published.documentId,
      locale: 'en',
      data: { title: DRAFT_TRANSLATION_TITLE },
    });

    const reader = await createUserJwt(app);
    readerJwt = reader.jwt;
    const first = await storedComment(app, published.documentId, {
      authorEmail: 'aaron@colophon.test',
      ipHash: 'a'.repeat(64),
      userAgent: 'Aardvark/1.0',
      moderationReason: 'approved by a moderator',
    });
    await storedComment(app, published.documentId, {
      authorEmail: 'zoe@colophon.test',
      ipHash: 'f'.repeat(64),
      userAgent: 'Zebra/9.0',
      moderationReason: 'known author',
      user: { connect: [{ id: reader.id }] },
      parent: first.documentId,
    });

    for (const uid of TYPES) {
      const probe = probeOf(uid);
      probes.set(uid, probe);
      await readSecrets(probe);
    }
  });
  afterAll(async () => {
    await app?.stop();
  });
  beforeEach(() => {
    leaks.length = 0;
    oracles.length = 0;
  });

  const readers = () => [
    { who: 'Public', auth: null as string | null },
    { who: 'a signed-in reader', auth: readerJwt },
  ];

  async function rest(probe: Probe, auth: string | null, query: Record<string, unknown>): Promise<Response> {
    let call = asPublic(app)
      .get(probe.route)
      .query({ ...(probe.localized ? { locale: 'fr' } : {}), 'pagination[pageSize]': 100, ...query });
    if (auth) call = call.set('Authorization', `Bearer ${auth}`);
    return call;
  }

  /** What a client can tell from an answer: its status, its error's kind, which rows in which order, how many. */
  function observe(response: Response): string {
    const body = response.body ?? {};
    const data = body.data;
    const ids = Array.isArray(data) ? data.map((row: any) => row.documentId ?? row.id) : data ? [data.documentId ?? data.id] : [];
    return JSON.stringify({ status: response.status, error: body.error?.name, ids, total: body.meta?.pagination?.total });
  }

  /** The attribute as a key of the type's own rows, or one of its real values anywhere in the answer. */
  function findLeak(data: unknown, attribute: string, values: unknown[]): string | undefined {
    const rows = (Array.isArray(data) ? data : data ? [data] : []) as Array<Record<string, unknown>>;
    if (rows.some((row) => row && typeof row === 'object' && attribute in row)) return `the key "${attribute}"`;
    const text = JSON.stringify(data ?? null);
    const value = values.find((v) => typeof v === 'string' && v.length > 3 && text.includes(v as string));
    return value === undefined ? undefined : `the value ${JSON.stringify(value)}`;
  }

  async function sameAnswer(label: string, probe: Probe, auth: string | null, a: Record<string, unknown>, b: Record<string, unknown>) {
    const [left, right] = await Promise.all([rest(probe, auth, a), rest(probe, auth, b)]);
    if (left.status >= 500 || right.status >= 500) leaks.push(`${label}: a ${Math.max(left.status, right.status)}`);
    if (observe(left) !== observe(right)) oracles.push(`${label}: ${observe(left)} vs ${observe(right)}`);
    return [left, right];
  }

  it.each(TYPES)('%s: no private attribute leaks or answers an oracle, over REST', async (uid) => {
    const probe = probes.get(uid)!;
    expect(probe.privateAttributes.map((a) => a.name)).toEqual(expect.arrayContaining(['createdBy', 'updatedBy']));
    for (const { who, auth } of readers()) {
      for (const attribute of probe.privateAttributes) {
        const values = secrets.get(`${uid}.${attribute.name}`) ?? [];
        const label = `${who} GET ${probe.route} ${attribute.name}`;
        const field = attribute.kind === 'relation' ? `${attribute.name}[id]` : attribute.name;
        const truth = values[0] ?? (attribute.kind === 'relation' ? 1 : 'x');
        const wrong = attribute.kind === 'relation' ? 987654 : `${String(truth)}-not`;

        for (const query of [{ 'fields[0]': attribute.name }, { [`populate[${attribute.name}]`]: '*' }, { populate: '*' }]) {
          const response = await rest(probe, auth, query);
          if (response.status >= 500) leaks.push(`${label} ${JSON.stringify(query)}: a ${response.status}`);
          const leak = findLeak(response.body?.data, attribute.name, values);
          if (leak) leaks.push(`${label} ${JSON.stringify(query)}: ${leak}`);
        }
        await sameAnswer(`${label} filter $eq`, probe, auth, { [`filters[${field}][$eq]`]: truth }, { [`filters[${field}][$eq]`]: wrong });
        await sameAnswer(`${label} filter $null`, probe, auth, { [`filters[${field}][$null]`]: true }, { [`filters[${field}][$notNull]`]: true });
        if (typeof truth === 'string') {
          await sameAnswer(
            `${label} filter $startsWith`,
            probe,
            auth,
            { [`filters[${field}][$startsWith]`]: truth.slice(0, 1) },
            { [`filters[${field}][$startsWith]`]: '\u2603' }
          );
        }
        const sortField = attribute.kind === 'relation' ? `${attribute.name}.id` : attribute.name;
        await sameAnswer(`${label} sort`, probe, auth, { sort: `${sortField}:asc` }, { sort: `${sortField}:desc` });
      }
    }
    expect(leaks).toEqual([]);
    expect(oracles).toEqual([]);
  });

  it.each(TYPES)('%s: no draft leaks or answers an oracle through a relation, over REST', async (uid) => {
    const probe = probes.get(uid)!;
    for (const { who, auth } of readers()) {
      for (const relation of probe.draftRelations) {
        const label = `${who} GET ${probe.route} ${relation.name}`;
        const drafts = relation.name === 'localizations' ? [DRAFT_TRANSLATION_TITLE] : DRAFT_ONLY_TITLES;
        const text = `${relation.name}[${relation.textField}]`;

        for (const query of [{ [`populate[${relation.name}]`]: '*' }, { populate: '*' }, { 'populate[0]': relation.name }]) {
          const response = await rest(probe, auth, query);
          if (response.status >= 500) leaks.push(`${label} ${JSON.stringify(query)}: a ${response.status}`);
          const shown = drafts.filter((title) => JSON.stringify(response.body ?? null).includes(title));
          if (shown.length) leaks.push(`${label} ${JSON.stringify(query)}: the draft ${shown.join(', ')}`);
        }
        await sameAnswer(`${label} filter $eq`, probe, auth, { [`filters${bracket(text)}[$eq]`]: drafts[0] }, { [`filters${bracket(text)}[$eq]`]: `${drafts[0]} not` });
        await sameAnswer(
          `${label} filter $startsWith`,
          probe,
          auth,
          { [`filters${bracket(text)}[$startsWith]`]: drafts[0].slice(0, 2) },
          { [`filters${bracket(text)}[$startsWith]`]: '\u2603' }
        );
        const sort = `${relation.name}.${relation.textField}`;
        await sameAnswer(`${label} sort`, probe, auth, { sort: `${sort}:asc` }, { sort: `${sort}:desc` });
      }
    }
    expect(leaks).toEqual([]);
    expect(oracles).toEqual([]);
  });

  it.each(API_TYPES)('%s: the same holds over GraphQL', async (uid) => {
    const probe = probes.get(uid)!;
    const type = contentType(uid);
    const collection = type.kind === 'collectionType';
    const locale = probe.localized ? '(locale: "fr")' : '';
    const args = (extra: string) => (collection ? `(${[probe.localized ? 'locale: "fr"' : '', 'pagination: { limit: 100 }', extra].filter(Boolean).join(', ')})` : locale);
    const ask = async (label: string, query: string, auth: string | null) => {
      const result = await graphql(app, query, {}, auth ?? undefined);
      if (result.status >= 500) leaks.push(`${label}: a ${result.status}`);
      return result;
    };
    const seen = (result: { status: number; data: any; errors: any[] }) =>
      JSON.stringify({
        status: result.status,
        codes: result.errors.map((e: any) => e.extensions?.code),
        ids: JSON.stringify(result.data?.[probe.graphqlQuery!] ?? null),
      });

    for (const { who, auth } of readers()) {
      for (const attribute of probe.privateAttributes) {
        const label = `${who} graphql ${probe.graphqlQuery} ${attribute.name}`;
        const selected = await ask(label, `{ ${probe.graphqlQuery}${args('')} { documentId ${attribute.name} ${attribute.kind === 'relation' ? '{ id }' : ''} } }`, auth);
        const leak = findLeak(selected.data?.[probe.graphqlQuery!], attribute.name, secrets.get(`${uid}.${attribute.name}`) ?? []);
        if (leak) leaks.push(`${label} selection: ${leak}`);
        if (!collection) continue;
        const values = secrets.get(`${uid}.${attribute.name}`) ?? [];
        const truth = JSON.stringify(String(values[0] ?? 'x'));
        const filter = (value: string) =>
          attribute.kind === 'relation' ? `filters: { ${attribute.name}: { id: { eq: ${value} } } }` : `filters: { ${attribute.name}: { eq: ${value} } }`;
        const [right, wrong] = await Promise.all([
          ask(label, `{ ${probe.graphqlQuery}${args(filter(truth))} { documentId } }`, auth),
          ask(label, `{ ${probe.graphqlQuery}${args(filter(JSON.stringify('987654-not')))} { documentId } }`, auth),
        ]);
        if (seen(right) !== seen(wrong)) oracles.push(`${label} filter: ${seen(right)} vs ${seen(wrong)}`);
        const [up, down] = await Promise.all([
          ask(label, `{ ${probe.graphqlQuery}${args(`sort: "${attribute.name}:asc"`)} { documentId } }`, auth),
          ask(label, `{ ${probe.graphqlQuery}${args(`sort: "${attribute.name}:desc"`)} { documentId } }`, auth),
        ]);
        if (seen(up) !== seen(down)) oracles.push(`${label} sort: ${seen(up)} vs ${seen(down)}`);
      }
      if (!collection) continue;
      for (const relation of probe.draftRelations) {
        const label = `${who} graphql ${probe.graphqlQuery} ${relation.name}`;
        const drafts = relation.name === 'localizations' ? [DRAFT_TRANSLATION_TITLE] : DRAFT_ONLY_TITLES;
        const populated = await ask(label, `{ ${probe.graphqlQuery}${args('')} { documentId ${relation.name} { ${relation.textField} } } }`, auth);
        const shown = drafts.filter((title) => JSON.stringify(populated.data ?? null).includes(title));
        if (shown.length) leaks.push(`${label} selection: the draft ${shown.join(', ')}`);
        const filter = (value: string) => `filters: { ${relation.name}: { ${relation.textField}: { eq: ${JSON.stringify(value)} } } }`;
        const [right, wrong] = await Promise.all([
          ask(label, `{ ${probe.graphqlQuery}${args(filter(drafts[0]))} { documentId } }`, auth),
          ask(label, `{ ${probe.graphqlQuery}${args(filter(`${drafts[0]} not`))} { documentId } }`, auth),
        ]);
        if (seen(right) !== seen(wrong)) oracles.push(`${label} filter: ${seen(right)} vs ${seen(wrong)}`);
        const sort = `${relation.name}.${relation.textField}`;
        const [up, down] = await Promise.all([
          ask(label, `{ ${probe.graphqlQuery}${args(`sort: "${sort}:asc"`)} { documentId } }`, auth),
          ask(label, `{ ${probe.graphqlQuery}${args(`sort: "${sort}:desc"`)} { documentId } }`, auth),
        ]);
        if (seen(up) !== seen(down)) oracles.push(`${label} sort: ${seen(up)} vs ${seen(down)}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(oracles).toEqual([]);
  });

  it('had real private values and drafts to probe with', () => {
    // Without them every comparison above would be of two empty answers.
    for (const key of ['api::comment.comment.authorEmail', 'api::comment.comment.ipHash', 'api::comment.comment.userAgent', 'api::comment.comment.user', 'api::comment.comment.parent']) {
      expect(secrets.get(key)?.length ?? 0).toBeGreaterThanOrEqual(1);
    }
    expect(secrets.get('api::comment.comment.authorEmail')).toHaveLength(2);
    expect(probes.get('api::category.category')!.draftRelations.map((r) => r.name)).toContain('articles');
    expect(probes.get('api::article.article')!.draftRelations.map((r) => r.name)).toEqual(expect.arrayContaining(['localizations']));
  });
});

/** `a[b]` → `[a][b]`, for nesting a relation path inside `filters`. */
function bracket(pathText: string): string {
  const [head, ...rest] = pathText.split('[');
  return `[${head}]${rest.length ? `[${rest.join('[')}` : ''}`;
}
