import { Worker } from 'node:worker_threads';

/** How often the worker copies the WAL back into the database file, in ms. */
const CHECKPOINT_EVERY_MS = 1000;

/*
 * Runs in the worker: its own connection to the file, a PASSIVE checkpoint on a timer (it
 * copies what it can without waiting for readers or the writer, so it never blocks them), and
 * a TRUNCATE checkpoint on the way out so the WAL does not outlive the app. Plain JavaScript,
 * since the worker evaluates it as is.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
const open = () => {
  if (!db) {
    db = new Database(workerData.filename, { fileMustExist: true });
    db.pragma('busy_timeout = 1000');
  }
  return db;
};
const checkpoint = (mode) => {
  try { open().pragma('wal_checkpoint(' + mode + ')'); } catch (error) { /* busy or not created yet: next tick */ }
};
const timer = setInterval(() => checkpoint('PASSIVE'), workerData.everyMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint('TRUNCATE');
  if (db) db.close();
  parentPort.postMessage('stopped');
});
`;

export interface Checkpointer {
  /** Checkpoints one last time and ends the worker. */
  stop(): Promise<void>;
}

/**
 * Moves SQLite's WAL checkpoints off the main thread. better-sqlite3 runs every statement
 * synchronously, so a checkpoint there (SQLite's default, inside the commit that crosses 1 000
 * WAL pages) stops the whole app while it copies; in a worker thread it runs beside it, on
 * another core. Each instance of the app runs one; it does not keep the process alive.
 */
export function startCheckpointer(filename: string): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { filename, everyMs: CHECKPOINT_EVERY_MS, driver: require.resolve('better-sqlite3') },
  });
  worker.unref();
  worker.on('error', () => undefined);
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        const done = () => {
          void worker.terminate().finally(resolve);
        };
        worker.once('message', done);
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
        setTimeout(done, 2000).unref();
      });
      return stopped;
    },
  };
}
