import type { Browser, Page } from 'playwright-core';
import { createSuperAdmin } from '../helpers/agents';
import { launchChromium, logInToAdmin, openEditorPage, screenshot, startAdminServer, type AdminServer, type PageProblems } from '../helpers/browser';
import { newsroom } from '../helpers/fixtures';

const COMMENT = 'api::comment.comment';
const ARTICLE = 'api::article.article';
const CATEGORY = 'api::category.category';

/**
 * An editor's day in the real admin panel, built as it ships (dist/build) and driven in
 * Debian's chromium: log in, moderate the comment queue, try to publish a translation that
 * does not credit its original, and preview a new article before saving it. The steps share
 * one page, as one editor's session does; every step leaves a screenshot in .tmp/screenshots/.
 */
describe('an editor in the admin panel', () => {
  jest.setTimeout(180_000);

  let server: AdminServer;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;
  let credentials: { email: string; password: string };
  let orphan: { documentId: string };
  let europe: { documentId: string };
  const comments: Record<'waiting' | 'doubtful' | 'approved' | 'spam', { documentId: string }> = {} as any;

  /** Waits until the count shown for a status is this number (the counts load after the list). */
  const showsCount = (status: string, count: number) =>
    page.getByTestId('comment-status-counts').locator(`[data-count-of="${status}"]`, { hasText: new RegExp(`^${count}$`) }).waitFor();

  const statusOf = async (documentId: string) =>
    (await server.app.strapi.db.query(COMMENT as any).findOne({ where: { documentId }, select: ['commentStatus'] })).commentStatus;

  beforeAll(async () => {
    server = await startAdminServer();
    credentials = await createSuperAdmin(server.app);
    const make = newsroom(server.app);
    await make.site();
    const article = await make.article('Le port de Marseille', { published: true });
    orphan = await make.article('Traduction sans original', { data: { credits: [{ role: 'translation', person: 'Avic' }] } });
    europe = await make.category('Europe');
    await make.category('France', { parent: europe.documentId });
    const comment = (authorName: string, commentStatus: string) =>
      (server.app.strapi.documents(COMMENT as any) as any).create({
        data: { article: article.documentId, authorName, authorEmail: `${authorName.toLowerCase()}@example.org`, body: `Un avis de ${authorName}.`, commentStatus },
      });
    comments.waiting = await comment('Wanda', 'pending');
    comments.doubtful = await comment('Dimitri', 'pending');
    comments.approved = await comment('Agathe', 'approved');
    comments.spam = await comment('Spambot', 'spam');

    browser = await launchChromium();
    ({ page, problems } = await openEditorPage(browser));
  });
  afterAll(async () => {
    // The page as the run left it: what to look at first when a step failed.
    if (page) await screenshot(page, '99-end').catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('logs in with the super admin created through the harness', async () => {
    await logInToAdmin(page, server.baseUrl, credentials);
    await screenshot(page, '01-logged-in');
  });

  it('opens the comment list on the pending comments, with a badge per status and the counts', async () => {
    await page.getByRole('link', { name: 'Content Manager' }).first().click();
    await page.getByRole('link', { name: 'Comment', exact: true }).click();
    await page.waitForURL(/commentStatus/);
    // The unfiltered page may show for a moment before the filter applies: wait for the filtered one.
    await page.getByText('2 entries found').waitFor();
    const rows = page.getByRole('row');
    await rows.filter({ hasText: 'Wanda' }).waitFor();
    await expectVisible(rows.filter({ hasText: 'Dimitri' }));
    expect(await rows.filter({ hasText: 'Agathe' }).count()).toBe(0);
    expect(await rows.filter({ hasText: 'Spambot' }).count()).toBe(0);
    const wandaRow = rows.filter({ hasText: 'Wanda' });
    expect(await wandaRow.locator('[data-comment-status="pending"]').textContent()).toBe('Pending');
    await showsCount('pending', 2);
    await showsCount('approved', 1);
    await showsCount('spam', 1);
    await showsCount('trash', 0);
    await screenshot(page, '02-comment-list-pending');
  });

  it('approves a pending comment with one click in its row, and the list, the counts and the database follow', async () => {
    const row = page.getByRole('row').filter({ hasText: 'Wanda' });
    await row.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByText('1 comment marked approved').waitFor();
    await page.getByRole('row').filter({ hasText: 'Wanda' }).waitFor({ state: 'detached' });
    expect(await statusOf(comments.waiting.documentId)).toBe('approved');
    // The click stayed on its button: the row around it did not open the edit view.
    expect(page.url()).not.toContain(comments.waiting.documentId);
    // The counts follow the list: two approved now (Agathe, and Wanda).
    await showsCount('approved', 2);
    await showsCount('pending', 1);
    await screenshot(page, '03-approved-in-one-click');
  });

  it('marks the selected comments as spam with one bulk action', async () => {
    const row = page.getByRole('row').filter({ hasText: 'Dimitri' });
    await row.getByRole('checkbox').check();
    await screenshot(page, '04-selected-for-bulk');
    // Each row has its own Spam button too: the bulk one is the one outside the rows.
    const spamButtons = page.getByRole('button', { name: 'Spam', exact: true });
    const bulk = await spamButtons.evaluateAll((buttons) => buttons.findIndex((button) => !button.closest('tr')));
    expect(bulk).toBeGreaterThanOrEqual(0);
    await spamButtons.nth(bulk).click();
    await page.getByText('1 comment marked spam').waitFor();
    await page.getByRole('row').filter({ hasText: 'Dimitri' }).waitFor({ state: 'detached' });
    expect(await statusOf(comments.doubtful.documentId)).toBe('spam');
    expect(await statusOf(comments.approved.documentId)).toBe('approved');
    await showsCount('spam', 2);
    await showsCount('pending', 0);
    await screenshot(page, '05-spam-in-bulk');
  });

  it('opens a status from its count, and trashes a comment from the row menu', async () => {
    await page.getByTestId('comment-status-counts').getByRole('button', { name: /Approved/ }).click();
    await page.getByText('2 entries found').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Agathe' });
    await row.getByRole('button', { name: 'Row actions' }).click();
    await page.getByRole('menuitem', { name: 'Trash' }).waitFor();
    await screenshot(page, '06-row-menu');
    await page.getByRole('menuitem', { name: 'Trash' }).click();
    await page.getByText('1 comment marked trash').waitFor();
    expect(await statusOf(comments.approved.documentId)).toBe('trash');
    await showsCount('trash', 1);
    await screenshot(page, '07-trashed-from-menu');
  });

  it('refuses to publish a translation without an original credit, with the error on the credits field', async () => {
    await page.goto(`${server.baseUrl}/admin/content-manager/collection-types/${ARTICLE}/${orphan.documentId}?plugins[i18n][locale]=fr`);
    const message = "A translation credit needs an original credit with the original article's URL";
    // The preview panel says so before the editor clicks Publish.
    await page.getByTestId('colophon-preview-blockers').filter({ hasText: message }).waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    // Not only the toast: the message sits under the credits field, which the form marks.
    const fieldError = page.locator('[data-strapi-field-error]', { hasText: message });
    await fieldError.waitFor();
    const fieldId = (await fieldError.getAttribute('id'))?.replace(/-error$/, '');
    expect(await page.locator(`label[for="${fieldId}"]`).textContent()).toContain('Credits');
    await fieldError.scrollIntoViewIfNeeded();
    await screenshot(page, '08-publish-refused');
    const published = await server.app.strapi.db
      .query(ARTICLE as any)
      .findOne({ where: { documentId: orphan.documentId, publishedAt: { $notNull: true } } });
    expect(published).toBeNull();
  });

  it('previews a new French article with credits in the side panel, trail and footer, before the first save', async () => {
    const articlesBefore = await server.app.strapi.db.query(ARTICLE as any).count({});
    await page.goto(`${server.baseUrl}/admin/content-manager/collection-types/${ARTICLE}/create?plugins[i18n][locale]=fr`);
    await page.locator('input[name="title"]').fill('La délégation à Moscou');
    await page.getByRole('button', { name: /No entry yet/ }).first().click();
    await page.locator('[name="credits.0.title"]').fill('Moscow summit');
    await page.locator('[name="credits.0.url"]').fill('https://wire.example/moscow');
    await page.getByRole('button', { name: 'Add an entry' }).click();
    await page.getByRole('combobox', { name: /^role/i }).nth(1).click();
    await page.getByRole('option', { name: 'translation' }).click();
    await page.locator('[name="credits.1.person"]').fill('Avic');

    const panel = page.getByTestId('colophon-preview-panel');
    // The trail as it will render, computed by the server's hook code from the unsaved form.
    await panel.getByTestId('colophon-preview-trail').filter({ hasText: 'Cellule44 › Blog › La délégation à Moscou' }).waitFor();
    expect(await panel.getByTestId('colophon-preview-path').textContent()).toBe('/blog/la-delegation-a-moscou');
    // The footer in French typography (a no-break space before the colon), rendered with its link.
    const footer = panel.getByTestId('colophon-preview-footer');
    await footer.filter({ hasText: 'Source\u00a0: Moscow summit' }).filter({ hasText: 'Traduction\u00a0: Avic' }).waitFor();
    expect(await footer.locator('a').getAttribute('href')).toBe('https://wire.example/moscow');
    expect(await panel.getByTestId('colophon-preview-jsonld').textContent()).toContain('NewsArticle');
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, '09-preview-panel');
    // Previewing saved nothing.
    expect(await server.app.strapi.db.query(ARTICLE as any).count({})).toBe(articlesBefore);
  });

  it('warns in the category panel, before saving, that a parent below the category would make a loop', async () => {
    await page.goto(`${server.baseUrl}/admin/content-manager/collection-types/${CATEGORY}/${europe.documentId}?plugins[i18n][locale]=fr`);
    await page.getByTestId('colophon-category-check').waitFor();
    await page.getByRole('combobox', { name: /^Parent category/ }).click();
    await page.getByRole('option', { name: /France/ }).click();
    const warning = page.getByTestId('colophon-preview-refusal');
    await warning.filter({ hasText: 'A category cannot be moved under one of its own descendants' }).waitFor();
    expect(await warning.textContent()).toContain('on parent');
    await screenshot(page, '10-category-loop-warned');
    const stored = await newsroom(server.app).categoryRow(europe.documentId);
    expect(await server.app.strapi.db.query(CATEGORY as any).findOne({ where: { id: stored.id }, populate: { parent: true } })).toMatchObject({ parent: null });
  });

  it('raised no uncaught error in the page and got no 5xx from the server, in the whole run', () => {
    expect(problems.pageErrors).toEqual([]);
    expect(problems.serverErrors).toEqual([]);
  });
});

async function expectVisible(locator: import('playwright-core').Locator) {
  await locator.first().waitFor({ state: 'visible' });
}
