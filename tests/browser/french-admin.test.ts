import type { Browser, Page } from 'playwright-core';
import { createSuperAdmin } from '../helpers/agents';
import { launchChromium, logInToAdmin, openEditorPage, screenshot, startAdminServer, type AdminServer, type PageProblems } from '../helpers/browser';

const ARTICLE = 'api::article.article';
const DRAFT_TITLE = 'Pourparlers à Moscou : la délégation nord-coréenne repart sans accord';

/**
 * An editor previews a reworked article with Strapi's own Preview button, then switches the
 * admin to French and finds the fields labelled and explained in French. Built admin
 * (dist/build), Debian's chromium; screenshots in .tmp/screenshots/.
 */
describe('an editor previews a draft, then works in French', () => {
  jest.setTimeout(180_000);

  let server: AdminServer;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;
  let credentials: { email: string; password: string };
  let documentId: string;
  let publishedTitle: string;

  const editView = () =>
    `${server.baseUrl}/admin/content-manager/collection-types/${ARTICLE}/${documentId}?plugins[i18n][locale]=fr`;

  beforeAll(async () => {
    // The demo newsroom: its French article has a trail and a translator's footer.
    server = await startAdminServer({ seedDemo: true });
    credentials = await createSuperAdmin(server.app);
    const articles = server.app.strapi.documents(ARTICLE as any) as any;
    const published = await articles.findFirst({ locale: 'fr', status: 'published', filters: { credits: { person: 'Avic' } } });
    documentId = published.documentId;
    publishedTitle = published.title;
    // The editor reworks the headline of the published article: the draft now differs.
    await articles.update({ documentId, locale: 'fr', data: { title: DRAFT_TITLE } });

    browser = await launchChromium();
    ({ page, problems } = await openEditorPage(browser));
  });
  afterAll(async () => {
    if (page) await screenshot(page, 'fr-99-end').catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('logs in', async () => {
    await logInToAdmin(page, server.baseUrl, credentials);
  });

  it('opens the draft, not the published version, from the Preview button', async () => {
    await page.goto(editView());
    await page.getByRole('link', { name: 'Open preview' }).click();
    await page.waitForURL(/\/preview/);
    const frame = page.frameLocator('[data-testid="preview-iframe"]');
    await frame.getByRole('heading', { level: 1, name: DRAFT_TITLE }).waitFor();
    await frame.getByText('Preview — draft, not published').waitFor();
    await frame.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link').first().waitFor();
    await frame.getByText('Traduction\u00a0: Avic').waitFor();
    expect(await frame.getByRole('heading', { level: 1, name: publishedTitle, exact: true }).count()).toBe(0);
    await screenshot(page, 'fr-01-preview-of-the-draft');
  });

  it('labels and explains the article’s fields in French once the admin runs in French', async () => {
    // What Profile > Interface language stores; the admin reads it when it loads.
    await page.evaluate(() => (globalThis as any).localStorage.setItem('strapi-admin-language', 'fr'));
    await page.goto(editView());
    await page.getByText('Légende de l’image', { exact: true }).first().waitFor();
    await page.getByText('Affichée sous l’image de une.').first().waitFor();
    await page.getByText('Commentaires ouverts', { exact: true }).first().waitFor();
    await page.getByText('Les lecteurs peuvent commenter cet article.').first().waitFor();
    expect(await page.getByText('Cover caption', { exact: true }).count()).toBe(0);
    expect(await page.getByText('Shown under the cover image.').count()).toBe(0);
    await screenshot(page, 'fr-02-edit-view-in-french');
  });

  it('heads the article list with the French labels', async () => {
    await page.goto(`${server.baseUrl}/admin/content-manager/collection-types/${ARTICLE}?plugins[i18n][locale]=fr`);
    await page.locator('thead').getByText('Titre', { exact: true }).waitFor();
    await page.locator('thead').getByText('Chapô', { exact: true }).waitFor();
    await screenshot(page, 'fr-03-list-in-french');
  });

  it('met no uncaught page error and no server error', () => {
    expect(problems).toEqual({ pageErrors: [], serverErrors: [] });
  });
});
