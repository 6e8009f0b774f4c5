import type { Core } from '@strapi/strapi';
import { ensureSecrets } from '../src/strapi/secrets';

export default ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => {
  ensureSecrets();
  return {
    host: env('HOST', '0.0.0.0'),
    port: env.int('PORT', 1337),
    url: env('PUBLIC_URL', ''),
    // Behind a reverse proxy the client IP (used for comment flood control) is read from
    // X-Forwarded-For; trusting that header without a proxy would let anyone spoof it. Only the
    // entries the proxies appended count: a client can put anything at the left of the header,
    // so with SERVER_PROXY_HOPS=1 (one proxy) the IP is the rightmost entry (Koa's maxIpsCount).
    proxy: { koa: env.bool('SERVER_PROXY', false), maxIpsCount: env.int('SERVER_PROXY_HOPS', 1) },
    app: { keys: env.array('APP_KEYS', []) },
    logger: {
      config: { level: env('LOG_LEVEL', 'info') },
      updates: { enabled: false },
    },
  };
};
