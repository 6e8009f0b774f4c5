/**
 * An Apollo Server plugin for production: an error Strapi did not mean to show (a database
 * failure, a bug) reaches GraphQL clients as "Internal Server Error", but Strapi's formatter
 * still copies the original error's name and message into `extensions.error`, and a database
 * error's message is its SQL statement. This keeps the code and the generic message and drops
 * everything else the server knows. Strapi's own 4xx errors (validation, not found, forbidden,
 * rate limits) pass untouched: their messages are written for clients.
 */
export function hideInternalErrors(): Record<string, unknown> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }: { response: any }) {
          const body = response?.body;
          const results = body?.kind === 'single' ? [body.singleResult] : (body?.initialResult ? [body.initialResult] : []);
          for (const result of results) {
            for (const error of result?.errors ?? []) {
              if (error?.extensions?.code !== 'INTERNAL_SERVER_ERROR') continue;
              error.message = 'Internal Server Error';
              error.extensions = { code: 'INTERNAL_SERVER_ERROR' };
              delete error.locations;
            }
          }
        },
      };
    },
  };
}
