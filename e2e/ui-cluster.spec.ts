import { expect, type Page, test } from '@playwright/test';
import { nodeName } from '../src/util/node-name';
import { intervene, runFor, runUntil, state } from './helpers';

const leaderButton = (page: Page) => page.getByRole('button', { name: /^S\d, leader, term/ });
const nodeButton = (page: Page, id: number) =>
  page.getByRole('button', { name: new RegExp(`^${nodeName(id)}, `) });

test('the ring shows the elected leader, by name and by shape', async ({ page }) => {
  await page.goto('./');
  const s = await runUntil(page, (x) => x.leader !== null);
  await expect(leaderButton(page)).toHaveAccessibleName(
    new RegExp(`^${nodeName(s.leader!)}, leader, term \\d+`),
  );
  await expect(page.locator('g.node.role-leader')).toHaveCount(1);
  await expect(page.locator('g.node.role-follower')).toHaveCount(s.nodes.length - 1);
  await page.screenshot({ path: 'test-results/ui-cluster-leader.png' });
});

test('key 2 selects S2 (node id 1): its glyph, its details and its name', async ({ page }) => {
  await page.goto('./');
  await runUntil(page, (x) => x.leader !== null);
  await page.keyboard.press('2');
  await expect(page.locator('g.node.selected [role="button"]')).toHaveAccessibleName(/^S2, /);
  await expect(page.locator('g.node.selected .name')).toHaveText('S2');
  const details = page.getByRole('complementary', { name: 'S2 details' });
  await expect(details.getByRole('heading', { name: 'S2', exact: true })).toBeVisible();
  // What the page calls S2 is id 1 in the harness: c crashes that one.
  await page.keyboard.press('c');
  await expect
    .poll(async () => (await state(page)).nodes.map((n) => n.alive))
    .toEqual([true, false, true, true, true]);
  await expect(page.locator('g.node.selected [role="button"]')).toHaveAccessibleName(
    /^S2, crashed/,
  );
});

test('crashing the leader (click it, press c) leads to a new leader on the ring', async ({
  page,
}) => {
  await page.goto('./');
  const before = await runUntil(page, (x) => x.leader !== null);
  const old = before.leader!;
  await nodeButton(page, old).click();
  await expect(page.locator('g.node.selected')).toHaveCount(1);
  await page.keyboard.press('c');
  await expect(nodeButton(page, old)).toHaveAccessibleName(/crashed, term \d+ on disk/);
  await expect(page.locator('g.node.role-crashed')).toHaveCount(1);
  const after = await runUntil(page, (x) => x.leader !== null && x.leader !== old);
  await expect(leaderButton(page)).toHaveAccessibleName(
    new RegExp(`^${nodeName(after.leader!)}, leader`),
  );
  expect(after.violations).toEqual([]);
  await page.screenshot({ path: 'test-results/ui-cluster-new-leader.png' });
});

test('a partition made with the tool stalls the minority while the majority commits', async ({
  page,
}) => {
  await page.goto('./');
  const start = await runUntil(page, (x) => x.leader !== null);
  const old = start.leader!;
  const size = start.nodes.length;
  const minority = [old, (old + 1) % size];
  const majority = start.nodes.map((n) => n.id).filter((id) => !minority.includes(id));

  await page.getByRole('button', { name: 'Partition…' }).click();
  await page.getByRole('button', { name: 'Group B' }).click();
  for (const id of minority) await nodeButton(page, id).click();
  await expect(page.locator('.group-pill[data-group="B"]')).toHaveCount(minority.length);
  await expect(page.locator('g.lane.preview')).toHaveCount(2 * minority.length * majority.length);
  await page.screenshot({ path: 'test-results/ui-cluster-partition-draft.png' });
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.locator('g.lane.down')).toHaveCount(2 * minority.length * majority.length);
  await expect(
    page.getByRole('button', {
      name: `Link from ${nodeName(old)} to ${nodeName(majority[0]!)}: cut. Activate to heal it`,
    }),
  ).toHaveCount(1);

  const cut = await runFor(page, 50);
  await intervene(page, { type: 'submit', node: old, command: 'stuck in the minority' });
  const later = await runUntil(page, (x) => x.leader !== null && majority.includes(x.leader), 5000);
  const settled = await runFor(page, 1000);
  for (const id of majority) {
    expect(settled.nodes[id]!.status!.commitIndex).toBeGreaterThan(
      cut.nodes[id]!.status!.commitIndex,
    );
  }
  for (const id of minority) {
    expect(settled.nodes[id]!.status!.commitIndex).toBe(cut.nodes[id]!.status!.commitIndex);
  }
  // The new leader leads; the old one, cut off in an older term, is shown as stale.
  await expect(nodeButton(page, later.leader!)).toHaveAccessibleName(
    new RegExp(`^${nodeName(later.leader!)}, leader, term \\d+, commit`),
  );
  await expect(nodeButton(page, old)).toHaveAccessibleName(
    new RegExp(`^${nodeName(old)}, (leader, term \\d+, stale|follower|candidate)`),
  );
  await page.screenshot({ path: 'test-results/ui-cluster-partitioned.png' });

  await page.getByRole('button', { name: 'Heal all' }).click();
  await expect(page.locator('g.lane.down')).toHaveCount(0);
  expect((await state(page)).violations).toEqual([]);
});

test('one direction of a link is cut and healed by clicking its lane', async ({ page }) => {
  await page.goto('./');
  await runUntil(page, (x) => x.leader !== null);
  // Paused, so no message glyph passes over the lane while it is clicked.
  await page.keyboard.press(' ');
  const lane = page.getByRole('button', { name: /^Link from S2 to S3: up/ });
  await lane.click();
  await expect(page.getByRole('button', { name: /^Link from S2 to S3: cut/ })).toHaveCount(1);
  await expect(page.getByRole('button', { name: /^Link from S3 to S2: up/ })).toHaveCount(1);
  await expect(page.locator('g.lane.down')).toHaveCount(1);
  await page.getByRole('button', { name: /^Link from S2 to S3: cut/ }).press('Enter');
  await expect(page.locator('g.lane.down')).toHaveCount(0);
});

test('at full speed messages are painted; paused, they are glyphs to pick again', async ({
  page,
}) => {
  await page.goto('./?speed=max');
  await runUntil(page, (x) => x.leader !== null);
  // Slow messages, so some are always on the wire when the run stops.
  await intervene(page, { type: 'setNetwork', network: { delayMs: [40, 60] } });
  const paint = page.locator('.cluster-canvas canvas.message-paint');
  await expect(paint).toBeVisible();
  await expect(page.locator('.cluster-canvas use.msg')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/ui-cluster-full-speed.png' });
  await page.keyboard.press(' ');
  await expect(paint).toBeHidden();
  await expect.poll(() => page.locator('.cluster-canvas use.msg').count()).toBeGreaterThan(0);
  const glyph = page.locator('.cluster-canvas use.msg').last();
  const id = await glyph.getAttribute('data-id');
  await glyph.click();
  await expect(page.getByRole('dialog', { name: `Message #${id}` })).toBeVisible();
});

test('a message in flight can be opened, read and dropped', async ({ page }) => {
  await page.goto('./');
  await runUntil(page, (x) => x.leader !== null);
  // Slow messages, so some are always on the wire; then freeze the moment.
  await intervene(page, { type: 'setNetwork', network: { delayMs: [40, 60] } });
  await runFor(page, 200);
  await page.keyboard.press(' ');
  await expect.poll(() => page.locator('.cluster-canvas use.msg').count()).toBeGreaterThan(0);

  // The last glyph is drawn on top of any it overlaps.
  const dot = page.locator('.cluster-canvas use.msg').last();
  const id = await dot.getAttribute('data-id');
  await dot.click();
  const panel = page.getByRole('dialog', { name: `Message #${id}` });
  await expect(panel).toBeVisible();
  for (const field of ['type', 'from', 'to', 'term']) {
    await expect(panel.locator('dt', { hasText: new RegExp(`^${field}$`) })).toHaveCount(1);
  }
  await expect(
    panel.locator('dt', { hasText: /^(prevLogIndex|voteGranted|success|lastLogIndex)$/ }).first(),
  ).toBeVisible();
  await expect(page.locator(`use.msg[data-id="${id}"]`)).toHaveClass(/selected/);
  await page.screenshot({ path: 'test-results/ui-cluster-message.png' });

  await panel.getByRole('button', { name: 'Drop this message' }).click();
  await expect(page.locator(`use.msg[data-id="${id}"]`)).toHaveCount(0);
  await expect(panel.getByText('Delivered or dropped')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Drop this message' })).toBeDisabled();
  await panel.getByRole('button', { name: 'Close message details' }).click();
  await expect(panel).toHaveCount(0);
});
