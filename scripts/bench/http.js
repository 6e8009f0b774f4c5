'use strict';
// The app's HTTP side for benchmarks that boot it in-process with createStrapi().load():
// listening on an ephemeral port of the loopback interface, and an API token to write with.

/**
 * Listens on 127.0.0.1, on a port the kernel picks. strapi.server.listen() mounts the
 * routers first (what strapi.listen() does too), but unlike strapi.listen() it skips the
 * startup banner, the telemetry and the admin auto-open, which a benchmark wants none of.
 * strapi.destroy() closes the server again.
 */
async function listenOnLoopback(strapi) {
  await new Promise((resolve, reject) => {
    const server = strapi.server.httpServer;
    server.once('error', reject);
    strapi.server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = strapi.server.httpServer.address();
  return { port, baseUrl: `http://127.0.0.1:${port}` };
}

/** A full-access content API token, as a newsroom's own scripts would hold; returns the key to send. */
async function createApiToken(strapi, name = 'bench') {
  const token = await strapi.service('admin::api-token').create({
    name: `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
    description: 'Created by a benchmark for its own fresh database.',
    kind: 'content-api',
    type: 'full-access',
    lifespan: null,
  });
  return token.accessKey;
}

/**
 * One request from this process, for checks made while nothing is being measured (that the
 * Public role can read, say): answers { status, json }.
 */
async function request(baseUrl, method, path, { body, token } = {}) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(new URL(path, baseUrl), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = { text };
  }
  return { status: response.status, json };
}

module.exports = { listenOnLoopback, createApiToken, request };
