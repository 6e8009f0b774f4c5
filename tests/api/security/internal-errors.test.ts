import { graphql } from '../../helpers/agents';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const SQL = 'update "secrets" set "token" = \'hunter2\' where "id" = 1';

/** A resolver that fails the way a database call does: with its SQL in the message. */
function addFailingQuery(strapi: any) {
  strapi.plugin('graphql').service('extension').use(({ nexus }: any) => ({
    types: [
      nexus.extendType({
        type: 'Query',
        definition(t: any) {
          t.field('failsInternally', {
            type: 'String',
            resolve() {
              throw new Error(`${SQL} - current transaction is aborted`);
            },
          });
        },
      }),
    ],
    resolversConfig: { 'Query.failsInternally': { auth: false } },
  }));
}

describe('internal errors in production', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await bootStrapi({ env: { NODE_ENV: 'production' }, beforeBootstrap: addFailingQuery });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('reach GraphQL clients as a bare INTERNAL_SERVER_ERROR: no SQL, no stack, no internal message', async () => {
    const result = await graphql(app, '{ failsInternally }');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].message).toBe('Internal Server Error');
    expect(result.errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(JSON.stringify(result)).not.toMatch(/secrets|hunter2|transaction|stacktrace/);
  });

  it('leave clients’ own errors as they are', async () => {
    const result = await graphql(app, '{ articles(sort: "articles.title:asc") { title } }');
    expect(result.errors[0].extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
  });
});
