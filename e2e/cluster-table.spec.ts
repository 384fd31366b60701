import { expect, test } from '@playwright/test';
import { intervene, runFor, runUntil } from './helpers';

test('the cluster as a table: each node’s role, term, vote, commit, applied and log, and the messages in flight', async ({
  page,
}) => {
  await page.goto('/?nodes=3&seed=2&paused=1');
  const s = await runUntil(page, (st) => st.leader !== null);
  await page.getByRole('button', { name: 'As a table' }).click();
  await expect(page.getByRole('button', { name: 'As a table' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const table = page.getByRole('table', { name: /^Nodes at / });
  const leader = table.getByRole('row', { name: new RegExp(`^S${s.leader! + 1} leader`) });
  await expect(leader).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(4);
  await intervene(page, { type: 'crash', node: s.leader! });
  await runFor(page, 1);
  await expect(leader).toHaveCount(0);
  await expect(
    table.getByRole('row', { name: new RegExp(`^S${s.leader! + 1} crashed`) }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Messages in flight \(\d+\)$/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/cluster-table.png' });
  // A picture needs the ring: Export says so instead of saving nothing.
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export this run' });
  await dialog.getByRole('button', { name: 'Picture (SVG)' }).click();
  await expect(dialog.getByRole('alert')).toContainText('turn off "As a table"');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'As a table' }).click();
  await expect(
    page
      .getByRole('img', { name: /^Cluster: nodes, links/ })
      .or(page.locator('svg[aria-label^="Cluster"]')),
  ).toBeVisible();
});
