import { expect, type Page, test } from '@playwright/test';
import { nodeName } from '../src/util/node-name';
import { intervene, runFor, runUntil } from './helpers';

/** Selects a node the way a user does: click it in the cluster drawing, else press its key. */
async function selectNode(page: Page, id: number): Promise<void> {
  const drawn = page.locator(`svg [aria-label^="${nodeName(id)},"]`);
  if ((await drawn.count()) > 0) await drawn.first().click();
  else await page.keyboard.press(String(id + 1));
}

function logRow(page: Page, id: number) {
  return page.getByRole('list', { name: new RegExp(`^${nodeName(id)} \\(`) });
}

test('committed commands show in every log row, and the details panel shows durable vs volatile state', async ({
  page,
}) => {
  await page.goto('./');
  const { leader } = await runUntil(page, (s) => s.leader !== null);
  await intervene(page, { type: 'addClient' });
  await intervene(page, {
    type: 'kv',
    client: 'c1',
    command: { op: 'set', key: 'x', value: '1' },
  });
  const s = await runUntil(page, (x) => x.kv.every((kv) => kv.x === '1'));
  expect(s.violations).toEqual([]);

  // Every node's row shows the entry, committed, with its command text.
  for (const n of s.nodes) {
    const cell = logRow(page, n.id).getByRole('listitem', { name: /SET x 1, committed, applied/ });
    await expect(cell).toBeVisible();
    await expect(cell).toContainText('SET x 1');
  }

  // Select a follower: its details show its KV contents.
  const follower = (leader! + 1) % s.nodes.length;
  await selectNode(page, follower);
  const details = page.getByRole('complementary', { name: `${nodeName(follower)} details` });
  await expect(details).toBeVisible();
  await expect(details.getByRole('row', { name: 'x 1' })).toBeVisible();
  await expect(details.getByLabel('Durable state')).toContainText('survives a crash');
  await expect(details.getByLabel('Volatile state')).toContainText('lost in a crash');
  await page.screenshot({ path: 'test-results/ui-log-selected.png' });

  // Crash it from the panel: only the durable state is left, and the panel says so.
  await details.getByRole('button', { name: 'Crash', exact: true }).click();
  await expect(details).toContainText('Crashed');
  await expect(details.getByLabel('Volatile state')).toContainText('Lost in the crash');
  await expect(details.getByLabel('Durable state')).toContainText(
    `term${s.nodes[follower]!.durableTerm}`,
  );
  await expect(details.getByRole('button', { name: 'Restart' })).toBeEnabled();
  await expect(logRow(page, follower)).toHaveAccessibleName(
    /\(crashed\) log: \d+ entries, on disk/,
  );
  // Its log row keeps the durable log.
  await expect(
    logRow(page, follower).getByRole('listitem', { name: /SET x 1, on disk \(node crashed\)/ }),
  ).toBeVisible();
  await page.screenshot({ path: 'test-results/ui-log-crashed.png' });
  expect((await runFor(page, 10)).nodes[follower]!.alive).toBe(false);
});

test('the log grid follows new entries, scrolls by keyboard and jumps back to the end', async ({
  page,
}) => {
  await page.goto('./');
  const { leader } = await runUntil(page, (s) => s.leader !== null);
  for (let i = 0; i < 60; i++) {
    await intervene(page, { type: 'submit', node: leader, command: { n: i } });
  }
  const s = await runUntil(page, (x) => x.nodes.every((n) => (n.status?.commitIndex ?? 0) > 60));
  const last = s.logs[leader!]!.length;
  const region = page.getByRole('region', { name: /^Logs, one row per node/ });

  // Following: the newest entry is on screen, the first is not rendered.
  await expect(
    logRow(page, leader!).getByRole('listitem', { name: new RegExp(`^Entry ${last},`) }),
  ).toBeVisible();
  await expect(logRow(page, leader!).getByRole('listitem', { name: /^Entry 1,/ })).toHaveCount(0);
  await expect(page.getByText('showing the newest')).toBeVisible();

  await region.focus();
  await page.keyboard.press('Home');
  await expect(logRow(page, leader!).getByRole('listitem', { name: /^Entry 1,/ })).toBeVisible();
  const jump = page.getByRole('button', { name: /Jump to end/ });
  await expect(jump).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await page.screenshot({ path: 'test-results/ui-log-scrolled-back.png' });

  // Scrolled back, new entries do not pull the view along.
  await intervene(page, { type: 'submit', node: leader, command: { n: 'more' } });
  await runFor(page, 100);
  await expect(jump).toBeVisible();

  await jump.click();
  await expect(page.getByText('showing the newest')).toBeVisible();
  await expect(
    logRow(page, leader!).getByRole('listitem', { name: new RegExp(`^Entry ${last + 1},`) }),
  ).toBeVisible();
  // Only the visible columns are in the DOM.
  expect(await page.locator('li.logcell').count()).toBeLessThan(s.nodes.length * 30);
});
