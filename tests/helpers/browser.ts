import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PROJECT_ROOT } from './database';
import { staleAdminBuild } from './admin-build';
import { bootStrapi, type BootOptions, type TestApp } from './strapi';

/** Debian's chromium, installed with apt by .ci/run; Playwright never downloads a browser here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where each step's screenshot goes (gitignored, like all of .tmp/). */
export const SCREENSHOT_DIR = path.join(PROJECT_ROOT, '.tmp', 'screenshots');

export interface AdminServer {
  app: TestApp;
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Boots Strapi as bootStrapi does and listens on a free port of 127.0.0.1, serving the built
 * admin panel from dist/build (Strapi's serve-admin-panel route reads <distDir>/build).
 */
export async function startAdminServer(options: BootOptions = {}): Promise<AdminServer> {
  const stale = staleAdminBuild();
  if (stale) throw new Error(`${stale}; the browser project's globalSetup builds it (npx jest --selectProjects browser)`);
  const app = await bootStrapi(options);
  await new Promise<void>((resolve, reject) => {
    app.server.once('error', reject);
    app.server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      await new Promise<void>((resolve) => app.server.close(() => resolve()));
      await app.stop();
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Root in CI has no user namespace for chromium's sandbox; /dev/shm is small in containers.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

/** A page the size of an editor's screen, slow steps allowed 15 s, its problems watched. */
export async function openEditorPage(browser: Browser): Promise<{ page: Page; problems: PageProblems }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(15_000);
  return { page, problems: watchForProblems(page) };
}

/** Logs in to the admin at `baseUrl` and waits for the Content Manager link. */
export async function logInToAdmin(page: Page, baseUrl: string, credentials: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/admin`);
  await page.locator('input[name="email"]').fill(credentials.email);
  await page.locator('input[name="password"]').fill(credentials.password);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.getByRole('link', { name: 'Content Manager' }).first().waitFor();
}

/** What went wrong in the page during a run: uncaught errors and server errors. */
export interface PageProblems {
  pageErrors: string[];
  serverErrors: string[];
}

/** Records every uncaught page error and every 5xx response the page receives. */
export function watchForProblems(page: Page): PageProblems {
  const problems: PageProblems = { pageErrors: [], serverErrors: [] };
  page.on('pageerror', (error) => problems.pageErrors.push(`${error.name}: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 500) problems.serverErrors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  return problems;
}

/** Writes a full-page screenshot named after the step, as an artefact of the run. */
export async function screenshot(page: Page, step: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${step}.png`);
  // Animations finished: a menu caught while fading in shows nothing legible.
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}
