import type { Core } from '@strapi/strapi';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { hideInternalErrors } from '../src/strapi/graphql/hide-internal-errors';
import { introspectionBound } from '../src/strapi/graphql/introspection-bound';
import { ensureSecrets } from '../src/strapi/secrets';

export default ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => {
  ensureSecrets();
  const production = env('NODE_ENV', 'development') === 'production';
  // Bounds on what one GraphQL document may ask for, checked before it runs: 500 aliases of a
  // nested list once took 15 s and 1 GB. graphql-armor's defaults for cost (objects 2, scalars
  // 1, times 1.5 per level), with aliases, depth, directives and tokens capped; a document
  // over any of them is a 400 GRAPHQL_VALIDATION_FAILED that says which.
  const armor = new ApolloArmor({
    costLimit: { maxCost: env.int('GRAPHQL_MAX_COST', 5000) },
    // Every alias counts. Armor's default allowList (['__typename']) skips an alias whose field
    // or alias name is listed, so 1 600 aliased __typename in one document passed a bound of 15.
    maxAliases: { n: env.int('GRAPHQL_MAX_ALIASES', 15), allowList: [] },
    maxDepth: { n: 10 },
    maxDirectives: { n: 50 },
    maxTokens: { n: 5000 },
    // Field suggestions ("Did you mean …?") map the schema for someone who may not read it.
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return {
    // Mail (comment notifications, account confirmations) goes through SMTP when SMTP_HOST is
    // set; without it Strapi's email plugin is left unconfigured and Colophon queues no mail.
    ...(env('SMTP_HOST', '')
      ? {
          email: {
            config: {
              provider: 'nodemailer',
              providerOptions: {
                host: env('SMTP_HOST'),
                port: env.int('SMTP_PORT', 587),
                // true for implicit TLS (port 465); otherwise STARTTLS, required whenever a password
                // would cross (SMTP_REQUIRE_TLS), so a stripped STARTTLS cannot expose it.
                secure: env.bool('SMTP_SECURE', false),
                requireTLS: env.bool('SMTP_REQUIRE_TLS', env('SMTP_USERNAME', '') !== '' && !env.bool('SMTP_SECURE', false)),
                ...(env('SMTP_USERNAME', '') ? { auth: { user: env('SMTP_USERNAME'), pass: env('SMTP_PASSWORD', '') } } : {}),
                // Well under the outbox's 5-minute lease (src/strapi/notifications/outbox.ts).
                connectionTimeout: 30_000,
                greetingTimeout: 30_000,
                socketTimeout: 60_000,
              },
              settings: {
                defaultFrom: env('SMTP_FROM', 'Colophon <no-reply@localhost>'),
                defaultReplyTo: env('SMTP_REPLY_TO', env('SMTP_FROM', 'Colophon <no-reply@localhost>')),
              },
            },
          },
        }
      : {}),
    'users-permissions': {
      config: { jwtSecret: env('JWT_SECRET') },
    },
    // GraphQL ships unbounded: without these a single query could ask for every row,
    // nested without end.
    graphql: {
      config: {
        endpoint: '/graphql',
        shadowCRUD: true,
        defaultLimit: 25,
        maxLimit: 100,
        depthLimit: 10,
        landingPage: env('NODE_ENV', 'development') !== 'production',
        apolloServer: {
          introspection: true,
          // Armor's cost and depth skip __schema (its lists are as long as the schema is big): introspection
          // is bounded by what it would answer instead.
          validationRules: [...armor.validationRules, introspectionBound()],
          allowBatchedHttpRequests: false,
          // In production an internal error's message (a database error's is its SQL) stays in the log.
          plugins: [...armor.plugins, ...(production ? [hideInternalErrors()] : [])],
        },
      },
    },
  };
};
