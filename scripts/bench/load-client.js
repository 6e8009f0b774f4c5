'use strict';
// HTTP load for benchmarks, generated from a child process. The app under test runs in the
// benchmark's own process, and a cascade can freeze that process's event loop for seconds: a
// client living there would stop sending (and stop its clock) exactly when it matters. From
// here, requests keep leaving on schedule and their latency is what a reader would see.
//
// Parent side:   const client = await LoadClient.spawn();
//                await client.start({ baseUrl, maxSeconds, jobs });   // resolves when t0 is set
//                const results = await client.stop();                 // loops end, in-flight finish
//                client.close();
// Jobs: reader (a GET every everyMs, open loop), once (one request at t0 + atMs), writers
// (N closed-loop clients saving article drafts: title updates and creates), renamer (renames a category every
// everyMs, the slug too every slugEvery-th time). Every loop also stops by itself after
// maxSeconds, and the child exits if the parent goes away. Only 127.0.0.1 is ever contacted.
const { fork } = require('node:child_process');
const http = require('node:http');

// ---------------------------------------------------------------- parent side

class LoadClient {
  static async spawn() {
    const child = fork(__filename, ['--child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise((resolve, reject) => {
      child.once('message', resolve);
      child.once('error', reject);
    });
    return new LoadClient(child);
  }

  constructor(child) {
    this.child = child;
  }

  ask(message, expect) {
    return new Promise((resolve, reject) => {
      const onMessage = (reply) => {
        if (reply.type !== expect) return;
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
        resolve(reply);
      };
      const onExit = (code) => reject(new Error(`load client exited with ${code}`));
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      this.child.send(message);
    });
  }

  /** Resolves once the child has set its t0 and scheduled every job. */
  async start(plan) {
    const url = new URL(plan.baseUrl);
    if (url.hostname !== '127.0.0.1') throw new Error(`load client only talks to 127.0.0.1, not ${url.hostname}`);
    await this.ask({ type: 'start', plan }, 'started');
  }

  /** Ends the loops, waits for what is in flight and for one-shot jobs not yet fired; returns per-job results. */
  async stop() {
    return (await this.ask({ type: 'stop' }, 'results')).results;
  }

  close() {
    if (this.child.connected) this.child.disconnect();
  }
}

// ---------------------------------------------------------------- child side

if (process.argv[2] === '--child') runChild();

function runChild() {
  // One run at a time; each start gets its own stop signal, so a client can be reused.
  let stopRequested = () => undefined;
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (message) => {
    if (message.type === 'start') {
      const stopped = new Promise((resolve) => (stopRequested = resolve));
      let results;
      try {
        const jobs = startJobs(message.plan, stopped);
        process.send({ type: 'started' });
        results = await Promise.all(jobs);
      } catch (error) {
        results = [{ name: 'load client', error: String(error?.stack ?? error) }];
      }
      // Results are sent once asked for, so the parent's stop() is what receives them.
      await stopped;
      process.send({ type: 'results', results });
    }
    if (message.type === 'stop') stopRequested();
  });
  process.send({ type: 'ready' });
}

function startJobs(plan, stopped) {
  const t0 = performance.now();
  const deadline = t0 + (plan.maxSeconds ?? 60) * 1000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const send = makeSender(plan.baseUrl, agent, plan.requestTimeoutMs ?? 15 * 60 * 1000);
  let stopping = false;
  stopped.then(() => (stopping = true));
  const over = () => stopping || performance.now() >= deadline;
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
  // Wakes a sleeping loop as soon as stop is asked for, without waiting out its sleep.
  const sleepUnlessStopped = (ms) => Promise.race([sleep(ms), stopped]);

  return plan.jobs.map(async (job) => {
    const result = newResult(job);
    const record = (outcome, extra = {}) => {
      result.latencies.push(outcome.ms);
      if (outcome.error) result.errors[outcome.error] = (result.errors[outcome.error] ?? 0) + 1;
      else {
        result.statuses[outcome.status] = (result.statuses[outcome.status] ?? 0) + 1;
        if (outcome.status === 503 && outcome.retryAfter) result.retryAfter += 1;
      }
      const key = outcome.error ?? outcome.status;
      if ((outcome.error || outcome.status >= 300) && (result.failures[key] ?? []).length < 3) {
        (result.failures[key] ??= []).push({ ...extra, method: outcome.method, path: outcome.path, body: outcome.body.slice(0, 400) });
      }
    };

    if (job.kind === 'reader') {
      // Open loop: a request leaves every everyMs whether or not the last one came back, up to
      // maxInFlight outstanding: a server frozen for minutes would otherwise collect thousands
      // of sockets, overflow its accept queue and measure the kernel instead. Ticks where the
      // cap held a request back are counted as skipped.
      const inFlight = new Set();
      const maxInFlight = job.maxInFlight ?? 200;
      result.skipped = 0;
      while (!over()) {
        if (inFlight.size >= maxInFlight) result.skipped += 1;
        else {
          const path = job.paths[Math.floor(Math.random() * job.paths.length)];
          const request = send('GET', path).then((outcome) => record(outcome));
          inFlight.add(request);
          request.finally(() => inFlight.delete(request));
        }
        await sleepUnlessStopped(job.everyMs);
      }
      await Promise.all(inFlight);
    } else if (job.kind === 'once') {
      await sleep(t0 + job.atMs - performance.now());
      const startedAt = performance.now() - t0;
      const outcome = await send(job.method, job.path, job.body, job.token);
      record(outcome);
      Object.assign(result, { startedAtMs: startedAt, ms: outcome.ms, status: outcome.status, error: outcome.error, body: outcome.body.slice(0, 400) });
    } else if (job.kind === 'writers') {
      result.byAction = { update: newCounts(), create: newCounts() };
      const writer = async (w) => {
        for (let k = 0; !over(); k += 1) {
          const create = Math.random() < job.createShare;
          const outcome = create
            ? await send(
                'POST',
                `/api/articles?locale=${job.locale}&status=draft`,
                { data: { title: `Bench w${w} n${k} ${Math.random().toString(36).slice(2, 8)}`, category: pick(job.leafDocIds) } },
                job.token
              )
            : await send('PUT', `/api/articles/${pick(job.articleDocIds)}?locale=${job.locale}&status=draft`, { data: { title: `Edited by w${w}, save ${k}` } }, job.token);
          record(outcome, { action: create ? 'create' : 'update' });
          const counts = result.byAction[create ? 'create' : 'update'];
          counts.sent += 1;
          if (!outcome.error && outcome.status < 300) counts.ok += 1;
          // A 503 says when to come back; a writer that honours it is what a real client does.
          if (outcome.status === 503 && outcome.retryAfter) await sleepUnlessStopped(Math.min(5, Number(outcome.retryAfter) || 1) * 1000);
        }
      };
      await Promise.all(Array.from({ length: job.count }, (_, w) => writer(w)));
    } else if (job.kind === 'renamer') {
      result.renames = [];
      // First rename one period in, so the writers have a quiet stretch to compare with.
      for (let k = 1; ; k += 1) {
        await sleepUnlessStopped(t0 + k * job.everyMs - performance.now());
        if (over()) break;
        const withSlug = k % job.slugEvery === 0;
        const data = { name: `${job.baseName} ${k}`, ...(withSlug ? { slug: `${job.baseSlug}-${k}` } : {}) };
        const outcome = await send('PUT', `/api/categories/${job.documentId}?locale=${job.locale}`, { data }, job.token);
        record(outcome, { kind: withSlug ? 'name+slug' : 'name' });
        result.renames.push({ kind: withSlug ? 'name+slug' : 'name', ms: outcome.ms, status: outcome.status ?? outcome.error });
      }
    } else {
      throw new Error(`unknown job kind ${job.kind}`);
    }
    return result;
  });
}

function newResult(job) {
  return { name: job.name, kind: job.kind, latencies: [], statuses: {}, errors: {}, retryAfter: 0, failures: {} };
}

const newCounts = () => ({ sent: 0, ok: 0 });
const pick = (list) => list[Math.floor(Math.random() * list.length)];

function makeSender(baseUrl, agent, timeoutMs) {
  const base = new URL(baseUrl);
  return (method, path, body, token) =>
    new Promise((resolve) => {
      const started = performance.now();
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers = { accept: 'application/json' };
      if (payload !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
      if (token) headers.authorization = `Bearer ${token}`;
      const done = (outcome) => resolve({ method, path, body: '', ...outcome, ms: performance.now() - started });
      const request = http.request({ host: '127.0.0.1', port: base.port, method, path, headers, agent, timeout: timeoutMs }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () =>
          done({ status: response.statusCode, retryAfter: response.headers['retry-after'], body: Buffer.concat(chunks).toString('utf8') })
        );
        response.on('error', (error) => done({ error: error.code || error.message }));
      });
      request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
      request.on('error', (error) => done({ error: error.code || error.message }));
      request.end(payload);
    });
}

module.exports = { LoadClient };
