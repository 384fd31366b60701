import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { runUntil, writeKey } from './helpers';

const elsewhere = (page: Page) =>
  page.getByRole('heading', { name: 'This cluster is open in another tab' });
const takenOver = (page: Page) =>
  page.getByRole('heading', { name: 'This cluster now runs in another tab' });

/** `page` runs your cluster with key=value written; a second tab opens it and waits. */
async function ownerAndWaiter(
  page: Page,
  context: BrowserContext,
  key: string,
  value: string,
): Promise<Page> {
  await page.goto('./');
  await writeKey(page, key, value);
  const second = await context.newPage();
  await second.goto('./');
  await expect(elsewhere(second)).toBeVisible();
  return second;
}

test('two tabs on one cluster: one runs it, the other offers to take over; no write is lost', async ({
  page,
  context,
}) => {
  const second = await ownerAndWaiter(page, context, 'fromA', '1');
  await expect(second.getByText(/Only one tab at a time runs a cluster/)).toBeVisible();
  await second.screenshot({ path: 'test-results/one-owner-elsewhere.png' });

  await second.getByRole('button', { name: 'Take over here' }).click();
  await expect(takenOver(page)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Take it back here' })).toBeVisible();
  await page.screenshot({ path: 'test-results/one-owner-taken-over.png' });
  // The second tab resumes the cluster from storage: the first tab's write is there.
  await runUntil(second, (s) => s.kv.filter((kv) => kv.fromA === '1').length >= 3);
  await writeKey(second, 'fromB', '2');

  await page.getByRole('button', { name: 'Take it back here' }).click();
  await expect(takenOver(second)).toBeVisible({ timeout: 20_000 });
  await writeKey(page, 'fromA2', '3');
  await page.close();
  await second.close();

  const third = await context.newPage();
  await third.goto('./');
  const s = await runUntil(
    third,
    (x) =>
      x.kv.filter((kv) => kv.fromA === '1' && kv.fromB === '2' && kv.fromA2 === '3').length >= 3,
  );
  expect(s.problems).toEqual([]);
  expect(s.violations).toEqual([]);
  await expect(third.getByTestId('problem')).toHaveCount(0);
});

test('a tab that closes hands the cluster to the tab that waits for it', async ({
  page,
  context,
}) => {
  const second = await ownerAndWaiter(page, context, 'k', 'v');
  await page.close();
  const s = await runUntil(second, (x) => x.kv.filter((kv) => kv.k === 'v').length >= 3);
  expect(s.problems).toEqual([]);
});

/** Makes the page think it is in the background (or back in front), as a tab switch does. */
function setVisible(page: Page, visible: boolean): Promise<void> {
  return page.evaluate((v) => {
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (v ? 'visible' : 'hidden'),
    });
    document.dispatchEvent(new Event('visibilitychange'));
  }, visible);
}

test('a waiting tab in the background does not take the cluster when its owner reloads', async ({
  page,
  context,
}) => {
  const second = await ownerAndWaiter(page, context, 'k', 'v');
  await setVisible(second, false);
  await page.reload();
  const s = await runUntil(page, (x) => x.kv.filter((kv) => kv.k === 'v').length >= 3);
  expect(s.problems).toEqual([]);
  await setVisible(second, true);
  await expect(elsewhere(second)).toBeVisible();
  await expect(elsewhere(page)).toHaveCount(0);
});

test('two frames of the app on one page: one runs the cluster, the other says where it is', async ({
  page,
  baseURL,
}) => {
  await page.route('**/two-frames.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<title>two frames</title><iframe id="a" src="./" width="900" height="500"></iframe><iframe id="b" src="./" width="900" height="500"></iframe>',
    }),
  );
  await page.goto(`${baseURL}two-frames.html`);
  const frames = [page.frameLocator('#a'), page.frameLocator('#b')];
  const waiting = (i: number) =>
    frames[i]!.getByRole('heading', { name: 'This cluster is open in another tab' });
  await expect
    .poll(async () => (await waiting(0).count()) + (await waiting(1).count()), { timeout: 20_000 })
    .toBe(1);
  const loser = (await waiting(0).count()) === 1 ? 0 : 1;
  const winner = 1 - loser;
  await page.screenshot({ path: 'test-results/one-owner-two-frames.png' });
  await expect(frames[winner]!.getByTestId('virtual-time')).toBeVisible({ timeout: 20_000 });
  await frames[loser]!.getByRole('button', { name: 'Take over here' }).click();
  await expect(
    frames[winner]!.getByRole('heading', { name: 'This cluster now runs in another tab' }),
  ).toBeVisible({ timeout: 20_000 });
  await expect(frames[loser]!.getByTestId('virtual-time')).toBeVisible({ timeout: 20_000 });
});
