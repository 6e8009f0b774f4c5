'use strict';
// pg 8 warns, once per process, "Calling client.query() when the client is already executing
// a query is deprecated": two queries were sent down one connection without waiting for each
// other, typically a Promise.all inside a transaction. Once is not enough to say where, so
// this counts every occurrence, per phase of a benchmark, and keeps the first call stacks.
const { AsyncLocalStorage } = require('node:async_hooks');
const path = require('node:path');

const appDir = path.resolve(__dirname, '..', '..');
const counts = new Map();
const samples = new Map();
let phase = 'start';
let installed = false;
let queries = 0;
// Call stacks end at the first callback in knex, so "where" is told by context instead: the
// HTTP request being served, and whether the query ran inside Strapi's own document-service
// action (the innermost middleware, registered by attach) or around it (Colophon's hook,
// which runs outside next(), or code that is no document-service call at all).
const innermost = new AsyncLocalStorage();
let app;

function whereNow() {
  const request = app?.requestContext?.get?.()?.request;
  const origin = request ? `${request.method} ${request.url.split('?')[0]}` : 'in-process';
  const inner = innermost.getStore();
  return inner ? `${origin}, inside Strapi's own ${inner}` : `${origin}, outside Strapi's own document action (hook or other code)`;
}

/** Wraps the app's pg Client.query (the one knex loads). Harmless when pg is not used. */
function watchPgOverlap({ keepStacks = 3 } = {}) {
  if (!installed) {
    installed = true;
    let Client;
    try {
      ({ Client } = require(require.resolve('pg', { paths: [appDir] })));
    } catch {
      return api;
    }
    const query = Client.prototype.query;
    Client.prototype.query = function watchedQuery(...args) {
      queries += 1;
      // pg's own test for its warning, plus a query in flight: either way the caller did not wait.
      if ((this._queryQueue && this._queryQueue.length > 0) || this._activeQuery) {
        counts.set(phase, (counts.get(phase) ?? 0) + 1);
        const kept = samples.get(phase) ?? [];
        if (kept.length < keepStacks) {
          const sql = typeof args[0] === 'string' ? args[0] : args[0]?.text;
          const frames = (new Error().stack ?? '')
            .split('\n')
            .slice(2)
            .filter((line) => !/node_modules[\\/](pg|pg-pool|knex|tarn)[\\/]|node:internal/.test(line))
            .slice(0, 8)
            .map((line) => line.trim());
          kept.push({ where: whereNow(), sql: String(sql).slice(0, 120), frames });
          samples.set(phase, kept);
        }
      }
      return query.apply(this, args);
    };
  }
  return api;
}

const api = {
  /** Lets occurrences say which request and which document action they came from. */
  attach(strapi) {
    app = strapi;
    strapi.documents.use((context, next) => innermost.run(`${context.uid}.${context.action}`, next));
  },
  /** Labels the occurrences from now on. */
  phase(label) {
    phase = label;
  },
  /** Prints what was seen, per phase; nothing when nothing was. */
  print(out = console.log) {
    if (counts.size === 0) {
      if (queries > 0) out(`\npg: none of ${queries} queries was sent on a connection already executing one.`);
      return;
    }
    out('\npg: queries sent on a connection already executing one (what pg\'s "client.query() ... already executing a query" warning is about), by phase:');
    for (const [label, count] of counts) {
      out(`  ${label}: ${count}`);
      for (const sample of samples.get(label) ?? []) {
        out(`    ${sample.where}: ${sample.sql}`);
        for (const frame of sample.frames.filter((f) => !/new Promise/.test(f))) out(`      ${frame}`);
      }
    }
  },
  counts: () => Object.fromEntries(counts),
};

module.exports = { watchPgOverlap };
