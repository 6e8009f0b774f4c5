import { Worker } from 'node:worker_threads';

/*
 * Runs in the worker: one better-sqlite3 connection, and every statement the main thread
 * sends, in the order it sends them. Plain JavaScript, since the worker evaluates it as is.
 * A statement's answer has the shape knex's better-sqlite3 client builds from it: the rows of
 * a statement that returns rows, or `changes` and `lastInsertRowid`.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
// Structured cloning turns a Buffer into a plain Uint8Array; better-sqlite3 binds only Buffers.
const toBuffer = (value) => (value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : value);
const describe = (error) => ({ ...error, name: error.name, message: error.message, code: error.code, stack: error.stack });
let db;
try {
  db = new Database(workerData.filename, workerData.options);
  parentPort.postMessage({ id: 0 });
} catch (error) {
  parentPort.postMessage({ id: 0, error: describe(error) });
}
parentPort.on('message', ({ id, sql, bindings, close }) => {
  if (close) {
    try { db.close(); } catch (error) { /* closed already */ }
    parentPort.postMessage({ id });
    return;
  }
  try {
    const statement = db.prepare(sql);
    const values = bindings.map(toBuffer);
    if (statement.reader) {
      parentPort.postMessage({ id, reader: true, rows: statement.all(values) });
    } else {
      const { changes, lastInsertRowid } = statement.run(values);
      parentPort.postMessage({ id, reader: false, changes, lastInsertRowid });
    }
  } catch (error) {
    parentPort.postMessage({ id, error: describe(error) });
  }
});
`;

/** What one statement answered: its rows, or what it changed. */
export type StatementResult =
  | { reader: true; rows: Record<string, unknown>[] }
  | { reader: false; changes: number; lastInsertRowid: number | bigint };

interface Reply {
  id: number;
  error?: Record<string, unknown> & { message: string; name?: string; stack?: string };
  reader?: boolean;
  rows?: Record<string, unknown>[];
  changes?: number;
  lastInsertRowid?: number | bigint;
}

/** An Error in the main thread with the name, code and message SQLite gave in the worker. */
function toError(described: NonNullable<Reply['error']>): Error {
  const error = new Error(described.message);
  Object.assign(error, described);
  if (described.stack) error.stack = described.stack;
  return error;
}

/**
 * A better-sqlite3 connection that lives in a worker thread. better-sqlite3 runs a statement
 * synchronously on the thread that owns the connection, so on the main thread a long
 * statement (the batch UPDATEs of a cascade, and above all the COMMIT of a transaction that
 * wrote 200 000 rows, which re-reads the WAL it wrote to checksum it: about 0.5 s at 100 000
 * articles) stopped the whole app: no request answered, no timer fired. Here the statement
 * runs on another core while the event loop goes on; the main thread only waits for the
 * answer, as it would for PostgreSQL.
 *
 * Statements run one at a time in the order they are sent, like on a single connection, and
 * an error carries SQLite's `code` (SQLITE_BUSY, SQLITE_CONSTRAINT_UNIQUE…) as better-sqlite3
 * gives it. The worker holds the event loop open only while a statement is in flight.
 */
export class SqliteWorkerConnection {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (reply: Reply) => void }>();
  private nextId = 1;
  private closed = false;

  private constructor(worker: Worker) {
    this.worker = worker;
    worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      waiting.resolve(reply);
    });
    // A worker that dies (out of memory, a crash in the driver) fails what waits on it.
    const fail = (error: Error) => {
      this.closed = true;
      for (const { resolve } of this.pending.values()) resolve({ id: -1, error: { name: error.name, message: error.message, code: 'SQLITE_WORKER_EXITED' } });
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The SQLite worker thread exited (code ${code}).`)));
  }

  /**
   * Opens `filename` in a new worker thread. `options` are better-sqlite3's (`readonly`,
   * `fileMustExist`, `timeout`…). Rejects with SQLite's error if the file cannot be opened.
   */
  static async open(filename: string, options: Record<string, unknown> = {}): Promise<SqliteWorkerConnection> {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { filename, options, driver: require.resolve('better-sqlite3') } });
    const connection = new SqliteWorkerConnection(worker);
    const opened = await connection.send({});
    if (opened.error) {
      await worker.terminate();
      throw toError(opened.error);
    }
    return connection;
  }

  /** False once closed, or once its worker has died: the pool then opens a new one. */
  get isOpen(): boolean {
    return !this.closed;
  }

  /** Runs one statement with positional `bindings` (knex's already formatted values). */
  async run(sql: string, bindings: unknown[] = []): Promise<StatementResult> {
    if (this.closed) throw Object.assign(new Error('The SQLite connection is closed.'), { code: 'SQLITE_MISUSE' });
    const reply = await this.send({ sql, bindings });
    if (reply.error) throw toError(reply.error);
    if (reply.reader) return { reader: true, rows: reply.rows ?? [] };
    return { reader: false, changes: reply.changes ?? 0, lastInsertRowid: reply.lastInsertRowid ?? 0 };
  }

  /** Closes the connection and ends its worker. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.send({ close: true });
    this.closed = true;
    await this.worker.terminate();
  }

  private send(message: Record<string, unknown>): Promise<Reply> {
    // The open message is id 0: the worker answers it once it has opened the file.
    const id = 'sql' in message || 'close' in message ? this.nextId++ : 0;
    return new Promise<Reply>((resolve) => {
      this.pending.set(id, { resolve });
      this.worker.ref();
      if (id !== 0) this.worker.postMessage({ id, ...message });
    });
  }
}
