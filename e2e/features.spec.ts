/**
 * The features past the core Raft in the page: switched on in Settings (a new cluster, in
 * real workers and IndexedDB), a GET served on the leader's lease says so in the console,
 * and "Make S3 leader" hands leadership over by TimeoutNow.
 */
import { expect, type Page, test } from '@playwright/test';
import { nodeName } from '../src/util/node-name';
import { consoleRows, runUntil, sendLine, state } from './helpers';

async function selectNode(page: Page, id: number): Promise<void> {
  const drawn = page.locator(`svg [aria-label^="${nodeName(id)},"]`);
  if ((await drawn.count()) > 0) await drawn.first().click();
  else await page.keyboard.press(String(id + 1));
}

test('PreVote, CheckQuorum and lease reads switch on in Settings; a transfer makes S3 leader', async ({
  page,
}) => {
  await page.goto('./');
  await runUntil(page, (s) => s.leader !== null);
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByTestId('settings-dialog');
  await dialog.getByRole('checkbox', { name: /PreVote/ }).check();
  const reads = dialog.getByLabel('How GETs are served');
  await reads.selectOption('lease');
  await expect(dialog.getByText(/Lease reads need CheckQuorum/)).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Apply and reset…' })).toBeDisabled();
  await dialog.getByRole('checkbox', { name: /CheckQuorum/ }).check();
  await page.screenshot({ path: 'test-results/features-settings.png' });
  await dialog.getByRole('button', { name: 'Apply and reset…' }).click();
  await expect(dialog.getByText(/features: PreVote, CheckQuorum, lease reads/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Yes, reset the cluster' }).click();
  await page.keyboard.press('Escape');

  // The new cluster runs with the features, and a reload keeps them.
  const savedReadMode = () =>
    page.evaluate(() => {
      const saved = JSON.parse(localStorage.getItem('raft-playground.clusters') ?? '{}');
      return saved.clusters?.[0]?.config?.readMode ?? null;
    });
  await expect.poll(savedReadMode, { timeout: 20_000 }).toBe('lease');
  let s = await runUntil(page, (x) => x.leader !== null && x.logs[x.leader]!.length > 0);
  await sendLine(page, 'SET x 1');
  await expect(consoleRows(page).last()).toContainText('ok', { timeout: 20_000 });
  await sendLine(page, 'GET x');
  const get = consoleRows(page).last();
  await expect(get).toContainText('on the lease', { timeout: 20_000 });
  await expect(get).toContainText('1');

  // Make S3 leader from its details (or another node, if S3 leads already).
  s = await state(page);
  const target = s.leader === 2 ? 1 : 2;
  await selectNode(page, target);
  const details = page.getByRole('complementary', { name: `${nodeName(target)} details` });
  await details
    .getByRole('button', { name: `Make ${nodeName(target)} leader`, exact: true })
    .click();
  s = await runUntil(page, (x) => x.leader === target, 3000);
  expect(s.violations).toEqual([]);
  await expect(
    details.getByRole('button', { name: `Make ${nodeName(target)} leader`, exact: true }),
  ).toBeDisabled();
  await page.screenshot({ path: 'test-results/features-transfer.png' });
  await page.getByRole('tab', { name: 'Event log' }).click();
  await page.getByRole('searchbox', { name: 'Search events' }).fill('handing leadership');
  await expect(
    page.getByText(new RegExp(`is handing leadership to ${nodeName(target)}`)).first(),
  ).toBeVisible();
});
