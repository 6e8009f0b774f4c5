import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { TestApp } from './strapi';

export interface SecondInstance {
  /** e.g. http://127.0.0.1:40123 */
  baseUrl: string;
  stop(): Promise<void>;
  /** Kills it at once (SIGKILL), as a crash or an OOM killer would: nothing runs after. */
  kill(): Promise<void>;
}

/**
 * Another app instance, in another process, on the same database as `app`, as a second server
 * behind a load balancer would be. It boots from the same dist/ with the same environment the
 * harness gave `app` (secrets, database URL), so tokens issued by one are valid on the other.
 */
export async function startSecondInstance(app: TestApp, timeoutMs = 60000, env: Record<string, string> = {}): Promise<SecondInstance> {
  const child: ChildProcess = fork(path.join(__dirname, 'second-instance.js'), [], {
    env: { ...process.env, ...app.database.env, SEED_DEMO: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`second instance did not start in ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    child.stdout!.on('data', (chunk) => {
      const match = /LISTENING (\d+)/.exec(String(chunk));
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`second instance exited with ${code}: ${stderr}`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10000).unref();
      });
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
    },
  };
}
