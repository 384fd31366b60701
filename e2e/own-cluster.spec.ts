import { expect, type Page, test } from '@playwright/test';
import { runFor, runUntil, writeKey } from './helpers';

/** Waits until your own cluster runs and a majority of it holds mine=1. */
async function expectMine(page: Page): Promise<void> {
  await expect(page.getByRole('region', { name: 'Which cluster this is' })).toHaveCount(0);
  await runUntil(
    page,
    (s) => s.nodes.length === 5 && s.kv.filter((kv) => kv.mine === '1').length >= 3,
  );
}

test('other URL parameters and share links never replace your cluster; a run is kept on request', async ({
  page,
}) => {
  await page.goto('./');
  await writeKey(page, 'mine', '1');

  // Other parameters: a new cluster of their own, said to be unsaved.
  await page.goto('./?nodes=3&seed=7');
  const banner = page.getByRole('region', { name: 'Which cluster this is' });
  await expect(banner).toContainText('New cluster, 3 nodes, seed 7 — not saved');
  let s = await runUntil(page, (x) => x.leader !== null);
  expect(s.nodes).toHaveLength(3);
  expect(s.kv.every((kv) => kv.mine === undefined)).toBe(true);
  await writeKey(page, 'theirs', '2');
  await runFor(page, 200);

  // Its share link opens a replay of its own, beside both.
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).not.toContain('cluster=');
  await page.goto('./');
  await expectMine(page);

  await page.goto(link);
  await expect(banner).toContainText('Shared run, 3 nodes, seed 7 — not saved');
  s = await runUntil(page, (x) => x.kv.filter((kv) => kv.theirs === '2').length >= 2);
  await page.screenshot({ path: 'test-results/own-cluster-shared.png' });
  await banner.getByRole('button', { name: 'Keep this run' }).click();
  await expect(banner).toContainText('kept in this browser');
  expect(new URL(page.url()).searchParams.get('cluster')).toMatch(/^[\w-]+$/);
  const keptUrl = page.url();

  // The plain URL still brings back your own cluster, with its write.
  await banner.getByRole('link', { name: 'Open your cluster' }).click();
  await expectMine(page);

  // The kept run is listed in Settings and opens again from there.
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByTestId('settings-dialog');
  await expect(dialog.getByText('Your cluster')).toBeVisible();
  await dialog
    .getByRole('listitem')
    .filter({ hasText: 'Shared run, 3 nodes, seed 7' })
    .getByRole('link', { name: 'Open' })
    .click();
  await expect(page).toHaveURL(keptUrl);
  s = await runUntil(page, (x) => x.kv.filter((kv) => kv.theirs === '2').length >= 2);
  expect(s.nodes).toHaveLength(3);

  // Resetting the kept run deletes only that run.
  await page.getByRole('button', { name: 'Settings' }).click();
  await dialog.getByRole('button', { name: 'Reset cluster…' }).click();
  await expect(
    dialog.getByText(/This stops “Shared run, 3 nodes, seed 7” and deletes/),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Yes, reset the cluster' }).click();
  await expect
    .poll(() => page.evaluate(() => window.__raft.state()?.kv.some((kv) => kv.theirs) ?? true), {
      timeout: 20_000,
    })
    .toBe(false);
  await page.goto('./');
  await expectMine(page);
});

test('an embedded page runs a cluster of its own, never yours', async ({ page }) => {
  await page.goto('./');
  await writeKey(page, 'mine', '1');
  await page.goto('./?embed=1');
  const s = await runUntil(page, (x) => x.leader !== null);
  expect(s.kv.every((kv) => kv.mine === undefined)).toBe(true);
  await page.goto('./');
  await expectMine(page);
});
