import type { Core } from '@strapi/strapi';
import { hideInternalErrors } from '../src/strapi/graphql/hide-internal-errors';
import { ensureSecrets } from '../src/strapi/secrets';

export default ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => {
  ensureSecrets();
  return {
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
          // In production an internal error's message (a database error's is its SQL) stays in the log.
          plugins: env('NODE_ENV', 'development') === 'production' ? [hideInternalErrors()] : [],
        },
      },
    },
  };
};
