import { expect, type Page, test } from '@playwright/test';
import { consoleRows, runFor, runUntil, sendLine } from './helpers';

/** Waits for row `i` to settle and checks its status, result and latency. */
async function expectRow(page: Page, i: number, status: string, result: string): Promise<void> {
  const cells = consoleRows(page).nth(i).getByRole('cell');
  await expect(cells.nth(2)).toHaveText(new RegExp(status), { timeout: 15_000 });
  await expect(cells.nth(3)).toHaveText(result);
  if (status !== 'refused') await expect(cells.nth(4)).toHaveText(/^\d+(\.\d)? ms$/);
}

test('the KV console sends commands, shows results, refuses bad lines; the history is linearizable', async ({
  page,
}) => {
  await page.goto('./');
  await runUntil(page, (s) => s.leader !== null);
  await expect(page.getByRole('tab', { name: 'KV console' })).toHaveAttribute(
    'aria-selected',
    'true',
  );

  // The first command creates client c1 by itself.
  await sendLine(page, 'SET x 1');
  await expectRow(page, 0, 'ok', 'was absent');
  await expect(consoleRows(page).nth(0).getByRole('cell').nth(0)).toHaveText('c1');
  await sendLine(page, 'GET x');
  await expectRow(page, 1, 'ok', '"1"');
  await sendLine(page, 'cas x 1 2');
  await expectRow(page, 2, 'ok', 'swapped, was 1');
  await sendLine(page, 'GET x');
  await expectRow(page, 3, 'ok', '"2"');

  // A bad line is refused with a clear message, never sent; the cluster keeps running.
  await sendLine(page, 'FROB x');
  await expectRow(page, 4, 'refused', 'unknown command FROB: use GET, SET, CAS, APPEND or DEL');
  const before = await runFor(page, 0);
  const after = await runFor(page, 300);
  expect(after.now).toBeGreaterThan(before.now);
  expect(after.leader).not.toBeNull();
  expect(after.violations).toEqual([]);

  // ↑ recalls the previous line.
  const input = page.getByRole('textbox', { name: 'Command' });
  await input.press('ArrowUp');
  await expect(input).toHaveValue('FROB x');
  await input.press('ArrowUp');
  await expect(input).toHaveValue('GET x');
  await input.press('Enter');
  await expectRow(page, 5, 'ok', '"2"');

  // The value is on every node.
  await runUntil(page, (s) => s.kv.length > 0 && s.kv.every((kv) => kv.x === '2'));
  await page.screenshot({ path: 'test-results/ui-console-results.png' });

  // The history shows one bar per call and the checker finds it linearizable.
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.locator('.hbars g.hbar')).toHaveCount(5);
  await expect(page.locator('.hbars g.hbar').first()).toHaveAttribute(
    'aria-label',
    'SET x 1 → was absent',
  );
  // The badge may still show a check made before the last GET answered: wait for one
  // that covers every answer.
  await expect(page.locator('.hverdict-text')).toHaveText(
    'All 5 operations fit one order that explains every answer.',
    { timeout: 15_000 },
  );
  await expect(page.locator('.hbadge')).toHaveText(/✓\s*linearizable/);
  await expect(page.locator('.hbadge')).toHaveClass(/hbadge-ok/);
  await page.screenshot({ path: 'test-results/ui-console-history.png' });
  await page.setViewportSize({ width: 820, height: 1180 });
  await page.getByRole('button', { name: 'Fit all' }).click();
  await page.locator('.history').screenshot({ path: 'test-results/ui-console-history-820.png' });

  // Paused, an idle frame changes nothing in the history view.
  await page.evaluate(() =>
    (window.__raft as unknown as { controller: { pause(): Promise<void> } }).controller.pause(),
  );
  const inserted = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let count = 0;
        const observer = new MutationObserver((list) => {
          for (const m of list) count += m.addedNodes.length;
        });
        const root = document.querySelector('.history');
        if (root === null) throw new Error('no history view');
        // Snapshots posted before the pause took effect may still arrive: start watching
        // once the page shows the pause and virtual time has stood still for ten frames.
        let still = 0;
        let lastNow = Number.NaN;
        const settle = () => {
          const s = window.__raft.state();
          still = s !== null && s.paused === true && s.now === lastNow ? still + 1 : 0;
          lastNow = s?.now ?? Number.NaN;
          if (still < 10) requestAnimationFrame(settle);
          else {
            observer.observe(root, { childList: true, subtree: true });
            requestAnimationFrame(tick);
          }
        };
        // Then watch a dozen frames.
        let frames = 12;
        const tick = () => {
          frames--;
          if (frames > 0) requestAnimationFrame(tick);
          else {
            observer.disconnect();
            resolve(count);
          }
        };
        requestAnimationFrame(settle);
      }),
  );
  expect(inserted).toBe(0);
});

test('a 100 KB command fills one short row with a button that shows it all; on a phone each row is a card', async ({
  page,
}) => {
  await page.goto('./');
  await runUntil(page, (s) => s.leader !== null);
  const long = `SET big ${'v'.repeat(100_000)}`;
  await sendLine(page, long);
  await sendLine(page, 'SET x "hello world"');
  await expectRow(page, 1, 'ok', 'was absent');

  // Desktop: the long row is a few lines, not 88,724 px; the button opens a scrolling box.
  const row = consoleRows(page).nth(0);
  expect((await row.boundingBox())!.height).toBeLessThan(150);
  const more = row.getByRole('button', { name: 'Show all of the command (100,008 characters)' });
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(row.getByRole('region', { name: 'The whole command' })).toHaveText(long);
  expect((await row.boundingBox())!.height).toBeLessThan(300);
  await page.screenshot({ path: 'test-results/ui-console-long-1280.png' });
  await page.keyboard.press('Enter');
  await expect(row.getByRole('region')).toHaveCount(0);

  // Phone: every cell of a row gets the card's width, the Result a whole line of it.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('tab', { name: 'KV console' }).click();
  const result = consoleRows(page).nth(1).locator('.kv-result');
  await expect(result).toHaveText(/was absent/);
  const card = (await consoleRows(page).nth(1).boundingBox())!;
  expect((await result.boundingBox())!.width).toBeGreaterThan(card.width * 0.9);
  expect((await consoleRows(page).nth(0).boundingBox())!.height).toBeLessThan(200);
  await consoleRows(page).nth(1).scrollIntoViewIfNeeded();
  await page.locator('.bottom').screenshot({ path: 'test-results/ui-console-long-390.png' });
});
