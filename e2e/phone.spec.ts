/**
 * A phone (390×844, touch): everything by tapping, no right click and no keyboard. The
 * cluster is on top, the other panels are tabs below it; a tap on a node or a link opens
 * its menu.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import { runUntil, state, waitForState } from './helpers';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

const nodeButton = (page: Page, name: string) =>
  page.getByRole('button', { name: new RegExp(`^${name}, `) });

/**
 * Taps the link between two nodes where no message glyph lies on it (the cluster is paused,
 * so none moves): a glyph over the lane would take the tap.
 */
async function tapLink(page: Page, from: string, to: string): Promise<void> {
  const lane = page.getByRole('button', { name: new RegExp(`^Link from ${from} to ${to}: `) });
  const point = await lane.evaluate((line: SVGLineElement) => {
    const m = line.getScreenCTM();
    const [x1, y1, x2, y2] = [line.x1, line.y1, line.x2, line.y2].map((a) => a.baseVal.value);
    for (const t of [0.5, 0.4, 0.6, 0.3, 0.7]) {
      const p = new DOMPoint(x1! + (x2! - x1!) * t, y1! + (y2! - y1!) * t).matrixTransform(
        m ?? undefined,
      );
      if (document.elementFromPoint(p.x, p.y)?.classList.contains('hit')) return p;
    }
    return null;
  });
  expect(point, 'a spot on the link free of messages').not.toBeNull();
  await page.touchscreen.tap(point!.x, point!.y);
}

/** Every button in `region` is at least a fingertip (44 px) tall; there are some. */
async function expectFingerSized(region: Locator): Promise<void> {
  const buttons = await region
    .locator('button:visible')
    .evaluateAll((els) =>
      els.map((e) => ({ text: e.textContent?.trim() ?? '', h: e.getBoundingClientRect().height })),
    );
  expect(buttons.length).toBeGreaterThan(0);
  expect(buttons.filter((b) => b.h < 44)).toEqual([]);
}

/** A fresh three-node cluster with a leader, paused so nothing moves under a finger. */
async function startPaused(page: Page): Promise<number> {
  await page.goto('./?nodes=3&seed=5');
  const { leader } = await runUntil(page, (s) => s.leader !== null);
  await page.getByRole('button', { name: 'Pause' }).tap();
  await waitForState(page, (s) => s.paused === true);
  return leader!;
}

test('the panels are one set of tabs under the cluster', async ({ page }) => {
  await startPaused(page);
  const cluster = page.getByRole('region', { name: 'Cluster', exact: true });
  const tabs = page.getByRole('tablist', { name: 'Panels' });
  // One column: the cluster first, the tabs below it.
  const [c, t] = [await cluster.boundingBox(), await tabs.boundingBox()];
  expect(t!.y).toBeGreaterThan(c!.y + c!.height - 1);
  await expect(tabs.getByRole('tab')).toHaveText([
    'Logs',
    'KV console',
    'Node details',
    'History',
    'Event log',
    'Space-time',
  ]);
  await expect(page.getByRole('tab', { name: 'Logs' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: 'History' }).tap();
  await expect(page.getByRole('tab', { name: 'History' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'History' })).toBeVisible();
  // WAI-ARIA tabs for a phone with a keyboard (or a screen reader): arrows move and show.
  await page.getByRole('tab', { name: 'History' }).press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Event log' })).toBeFocused();
  await expect(page.getByRole('tabpanel', { name: 'Event log' })).toBeVisible();
});

test('a tap on a node opens its menu: crash it, then restart it', async ({ page }) => {
  await startPaused(page);
  await nodeButton(page, 'S2').tap();
  const menu = page.getByRole('region', { name: 'S2 menu' });
  await expect(menu).toBeVisible();
  await expectFingerSized(menu);
  await menu.getByRole('button', { name: 'Crash', exact: true }).tap();
  await expect(nodeButton(page, 'S2')).toHaveAccessibleName(/crashed/);
  await waitForState(page, (s) => s.nodes[1]!.alive === false);
  await expect(menu).toContainText('crashed');
  await menu.getByRole('button', { name: 'Restart', exact: true }).tap();
  await waitForState(page, (s) => s.nodes[1]!.alive);
  await expect(nodeButton(page, 'S2')).not.toHaveAccessibleName(/crashed/);
  await menu.getByRole('button', { name: 'Close the node menu' }).tap();
  await expect(menu).toHaveCount(0);
});

test('a tap on a link opens its menu: cut it both ways, then heal it', async ({ page }) => {
  await startPaused(page);
  await expect(
    page.getByRole('button', { name: "Link from S1 to S2: up. Activate for the link's menu" }),
  ).toHaveCount(1);
  await tapLink(page, 'S1', 'S2');
  const menu = page.getByRole('region', { name: 'Link between S1 and S2 menu' });
  await expect(menu).toBeVisible();
  await expectFingerSized(menu);
  await menu.getByRole('button', { name: 'Cut both ways' }).tap();
  await expect(page.locator('g.lane.down')).toHaveCount(2);
  await expect(page.getByRole('button', { name: /^Link from S2 to S1: cut/ })).toHaveCount(1);
  await expect(menu).toContainText('S1 → S2: cut');
  // One direction back: the menu says which.
  await menu.getByRole('button', { name: 'Heal the link from S2 to S1' }).tap();
  await expect(page.locator('g.lane.down')).toHaveCount(1);
  await menu.getByRole('button', { name: 'Heal both ways' }).tap();
  await expect(page.locator('g.lane.down')).toHaveCount(0);
  expect((await state(page)).violations).toEqual([]);
});

test('a command sent from the console comes back as a card', async ({ page }) => {
  await page.goto('./?nodes=3&seed=5');
  await runUntil(page, (s) => s.leader !== null);
  await page.getByRole('tab', { name: 'KV console' }).tap();
  const input = page.getByRole('textbox', { name: 'Command' });
  await input.tap();
  await input.fill('SET x 1');
  await page.getByRole('button', { name: 'Send' }).tap();
  const card = page.locator('.kv-results tbody tr').first();
  await expect(card).toContainText('ok', { timeout: 10_000 });
  await expect(card).toContainText('SET x 1');
  await expect(card.locator('.kv-result')).toHaveText(/was absent/);
  // A card, not a squeezed table row: fields stacked, the page no wider than the phone.
  expect(await card.evaluate((tr) => getComputedStyle(tr).display)).toBe('grid');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // Still a table to a screen reader: a row with its cells.
  await expect(page.getByRole('row').filter({ hasText: 'SET x 1' })).toHaveCount(1);
});

test('the logs zoom with buttons and with a pinch', async ({ page }) => {
  await startPaused(page);
  const level = page.locator('.logview-zoom-level');
  const columnWidth = () =>
    page.locator('.logview').evaluate((el) => getComputedStyle(el).getPropertyValue('--log-col'));
  await expect(level).toHaveText('100%');
  const before = await columnWidth();
  await page.getByRole('button', { name: 'Zoom in on the logs' }).tap();
  await expect(level).toHaveText('125%');
  expect(Number.parseFloat(await columnWidth())).toBeGreaterThan(Number.parseFloat(before));
  await page.getByRole('button', { name: 'Zoom out of the logs' }).tap();
  await page.getByRole('button', { name: 'Zoom out of the logs' }).tap();
  await expect(level).toHaveText('75%');
  // Two fingers moving apart over the grid zoom in (Playwright has no pinch: raw touches).
  const grid = page.locator('.logview-scroll');
  await grid.scrollIntoViewIfNeeded();
  const box = (await grid.boundingBox())!;
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  const fingers = (d: number) => [
    { x: x - d, y, id: 1 },
    { x: x + d, y, id: 2 },
  ];
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(20) });
  for (let d = 24; d <= 40; d += 4) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(d) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await expect(level).not.toHaveText('75%');
});

test('a lesson step plays on a phone', async ({ page }) => {
  await page.goto('./?lesson=partition');
  const lesson = page.getByRole('complementary', { name: 'Lesson' });
  await expect(lesson.getByText('Step 1 of 5')).toBeVisible();
  await lesson.getByRole('button', { name: 'Run step' }).tap();
  await expect(lesson.getByRole('button', { name: 'Next step' })).toBeEnabled({
    timeout: 20_000,
  });
  await lesson.getByRole('button', { name: 'Next step' }).tap();
  await expect(lesson.getByText('Step 2 of 5')).toBeVisible();
  // The cluster is right below the lesson, in one column.
  await expect(page.getByRole('region', { name: 'Cluster', exact: true })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
