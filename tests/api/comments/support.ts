import request from 'supertest';
import { hashIp } from '../../../src/core/moderation';
import { createUserJwt } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, TEST_SECRETS, type TestApp } from '../../helpers/strapi';

/** Shared by the comment test files: who posts, through which door, from which address. */

export const COMMENT = 'api::comment.comment';
export const ARTICLE = 'api::article.article';

/** Comments tests run behind a (pretend) proxy, so each request can come from its own address. */
export function bootCommentsApp(env: Record<string, string> = {}) {
  return bootStrapi({ env: { SERVER_PROXY: 'true', ...env } });
}

let addresses = 0;
/** A fresh client IP, so the flood rule only fires where a test means it to. */
export function nextIp(): string {
  addresses += 1;
  return `198.51.${Math.floor(addresses / 250) % 250}.${(addresses % 250) + 1}`;
}

let readers = 0;
export function uniqueEmail(label = 'reader'): string {
  readers += 1;
  return `${label}${readers}@example.org`;
}

export function ipHashOf(ip: string): string {
  return hashIp(ip, TEST_SECRETS.COMMENT_IP_SECRET);
}

/** What a comment-posting client sees, whatever the door: an HTTP-like status, the comment or the error. */
export interface Posted {
  status: number;
  comment: any | null;
  error: { name?: string; message: string; details?: any; code?: string } | null;
  retryAfter: string | null;
}

export interface Account {
  id: number;
  email: string;
  jwt: string;
}

export interface Poster {
  label: string;
  door: 'REST' | 'GraphQL';
  who: 'Public' | 'Authenticated';
  /** The account of the latest post, for Authenticated posters. */
  readonly account: { id: number; email: string } | null;
  /** A new signed-in reader's account, to post with through `options.account`. */
  signUp(): Promise<Account>;
  /**
   * Posts through this door. Authenticated posters sign up a new account for each post unless
   * given one: the flood rule holds an account to one comment every 15 s, as it holds an IP.
   */
  post(data: Record<string, unknown>, options?: { ip?: string; userAgent?: string; account?: Account }): Promise<Posted>;
}

/** How each GraphQL error code reads as the HTTP status a REST client gets for the same refusal. */
export const GRAPHQL_CODE_STATUS: Record<string, number> = {
  BAD_USER_INPUT: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  STRAPI_NOT_FOUND_ERROR: 404,
  STRAPI_CONFLICT_ERROR: 409,
  STRAPI_RATE_LIMIT_ERROR: 429,
  FORBIDDEN: 403,
};

export const COMMENT_SELECTION = 'documentId commentStatus authorName body bodyHtml depth parentDocumentId createdAt';

async function postRest(app: TestApp, data: unknown, ip: string, userAgent: string | undefined, jwt?: string): Promise<Posted> {
  let call = request(app.server).post('/api/comments').set('X-Forwarded-For', ip);
  if (userAgent) call = call.set('User-Agent', userAgent);
  if (jwt) call = call.set('Authorization', `Bearer ${jwt}`);
  const response = await call.send({ data });
  return {
    status: response.status,
    comment: response.status === 201 ? response.body.data : null,
    error: response.body?.error ?? null,
    retryAfter: response.headers['retry-after'] ?? null,
  };
}

export async function graphqlAs(
  app: TestApp,
  query: string,
  variables: Record<string, unknown> = {},
  options: { ip?: string; jwt?: string; userAgent?: string } = {}
) {
  let call = request(app.server).post('/graphql').set('X-Forwarded-For', options.ip ?? nextIp());
  if (options.userAgent) call = call.set('User-Agent', options.userAgent);
  if (options.jwt) call = call.set('Authorization', `Bearer ${options.jwt}`);
  return call.send({ query, variables });
}

async function postGraphql(app: TestApp, data: unknown, ip: string, userAgent: string | undefined, jwt?: string): Promise<Posted> {
  const response = await graphqlAs(
    app,
    `mutation ($data: CommentInput!) { createComment(data: $data) { ${COMMENT_SELECTION} } }`,
    { data },
    { ip, jwt, userAgent }
  );
  const error = response.body?.errors?.[0];
  // Refused before GraphQL ran (e.g. by the body parser): a plain Strapi error response.
  if (!error && response.status >= 400) {
    return { status: response.status, comment: null, error: response.body?.error ?? null, retryAfter: null };
  }
  if (!error) {
    return { status: 201, comment: response.body.data.createComment, error: null, retryAfter: null };
  }
  const code = error.extensions?.code as string | undefined;
  return {
    status: (code ? GRAPHQL_CODE_STATUS[code] : undefined) ?? 500,
    comment: null,
    error: { ...error.extensions?.error, message: error.message, code },
    retryAfter: response.headers['retry-after'] ?? null,
  };
}

/** The four ways a reader posts: REST and GraphQL, as Public and signed in. */
export async function allPosters(app: TestApp): Promise<Poster[]> {
  const make = (door: Poster['door'], who: Poster['who']): Poster => {
    let latest: Account | null = null;
    const send = door === 'REST' ? postRest : postGraphql;
    const signUp = () => createUserJwt(app, 'authenticated');
    return {
      label: `${door} as ${who}`,
      door,
      who,
      get account() {
        return latest ? { id: latest.id, email: latest.email } : null;
      },
      signUp,
      async post(data, options = {}) {
        if (who === 'Authenticated') latest = options.account ?? (await signUp());
        return send(app, data, options.ip ?? nextIp(), options.userAgent, latest?.jwt);
      },
    };
  };
  return [make('REST', 'Public'), make('REST', 'Authenticated'), make('GraphQL', 'Public'), make('GraphQL', 'Authenticated')];
}

/** A well-formed comment from a first-time reader. */
export function aComment(article: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { article, authorName: 'Jeanne Lecteur', authorEmail: uniqueEmail(), body: `Merci pour cet article ${readers}.`, ...overrides };
}

export async function publishedArticle(app: TestApp, title: string, data: Record<string, unknown> = {}) {
  const make = newsroom(app);
  return make.article(title, { published: true, data });
}

/** A comment stored directly by an editor (code path), e.g. an already approved one to reply to. */
export async function storedComment(app: TestApp, article: string, data: Record<string, unknown> = {}) {
  return (app.strapi.documents(COMMENT as any) as any).create({
    data: { article, authorName: 'Paul Habitué', authorEmail: uniqueEmail('regular'), body: `Déjà là ${readers}.`, commentStatus: 'approved', ...data },
  });
}

export async function commentRow(app: TestApp, documentId: string) {
  return app.strapi.db.query(COMMENT as any).findOne({ where: { documentId }, populate: { article: true, parent: true, user: true } });
}

export async function countComments(app: TestApp, where: Record<string, unknown> = {}) {
  return app.strapi.db.query(COMMENT as any).count({ where });
}

/** Changes moderation rules for the duration of a test; returns the function that restores them. */
export function useRules(app: TestApp, patch: Record<string, unknown>): () => void {
  const key = 'colophon.comments.rules';
  const before = app.strapi.config.get(key) as Record<string, unknown>;
  app.strapi.config.set(key, { ...before, ...patch });
  return () => app.strapi.config.set(key, before);
}

/** Comment documentIds a Public reader sees for an article, in the order given. */
export function publicThread(app: TestApp, article: string, query: Record<string, unknown> = {}) {
  return request(app.server)
    .get('/api/comments')
    .query({ 'filters[article][documentId][$eq]': article, 'pagination[pageSize]': 100, ...query });
}

/**
 * Writes a comment row straight into the database, as another app instance sharing it would:
 * no document service, no middleware, nothing in this process's memory.
 */
export async function insertCommentRow(
  app: TestApp,
  values: { authorEmail: string; ipHash?: string | null; secondsAgo: number; commentStatus?: string; body?: string; userId?: number }
) {
  const meta = app.strapi.db.metadata.get(COMMENT as any);
  const column = (attribute: string) => (meta.attributes[attribute] as { columnName: string }).columnName;
  const at = new Date(Date.now() - values.secondsAgo * 1000);
  const [inserted] = await app.strapi.db.connection(meta.tableName).returning('id').insert({
    [column('documentId')]: `elsewhere${String(Math.random()).slice(2, 17)}`.padEnd(24, '0').slice(0, 24),
    [column('authorName')]: 'Another instance',
    [column('authorEmail')]: values.authorEmail,
    [column('body')]: values.body ?? 'Posted through another app instance.',
    [column('commentStatus')]: values.commentStatus ?? 'pending',
    [column('ipHash')]: values.ipHash ?? null,
    [column('depth')]: 1,
    [column('createdAt')]: at,
    [column('updatedAt')]: at,
    [column('publishedAt')]: at,
  });
  if (values.userId !== undefined) {
    const link = (meta.attributes.user as any).joinTable;
    const id = typeof inserted === 'object' ? (inserted as { id: number }).id : inserted;
    await app.strapi.db.connection(link.name).insert({ [link.joinColumn.name]: id, [link.inverseJoinColumn.name]: values.userId });
  }
}
