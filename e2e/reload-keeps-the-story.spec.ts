import { expect, type Page, test } from '@playwright/test';
import {
  consoleRows,
  intervene,
  openReplay,
  runFor,
  runSummary,
  runUntil,
  sendLine,
  state,
  waitForState,
} from './helpers';

async function expectRow(
  page: Page,
  i: number,
  command: string,
  status: string,
  result: string | RegExp,
): Promise<void> {
  const cells = consoleRows(page).nth(i).getByRole('cell');
  await expect(cells.nth(1)).toHaveText(command);
  await expect(cells.nth(2)).toHaveText(new RegExp(status), { timeout: 15_000 });
  await expect(cells.nth(3)).toHaveText(result);
}

/** Pauses, then waits until the page's clock stands still (snapshots under way may still come). */
async function pauseAndSettle(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'Pause' }).click();
  let last = Number.NaN;
  for (;;) {
    const s = await waitForState(page, (x) => x.paused === true);
    if (s.now === last) return s.now;
    last = s.now;
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          let left = 10;
          const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
          requestAnimationFrame(tick);
        }),
    );
  }
}

/** The virtual time the top bar shows, in ms. */
async function clock(page: Page): Promise<number> {
  return Number.parseFloat((await page.getByTestId('virtual-time').textContent()) ?? 'NaN');
}

/** What the run's record in IndexedDB holds now (null while there is none). */
function storedRecord(page: Page) {
  return page.evaluate(async () => {
    const c = window.__raft as unknown as {
      controller: { options: { config: { clusterId: string } } };
    };
    const name = `raft-playground-${c.controller.options.config.clusterId}-run`;
    if (!(await indexedDB.databases()).some((d) => d.name === name)) return null;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      if (!db.objectStoreNames.contains('record')) return null;
      const get = (key: string) =>
        new Promise<unknown>((resolve) => {
          const request = db.transaction('record').objectStore('record').get(key);
          request.onsuccess = () => resolve(request.result);
        });
      const meta = (await get('meta')) as { clock: number } | undefined;
      const story = (await get('story')) as
        | { events: Array<{ kind: string }>; verdict: { verdict: { status: string } } | null }
        | undefined;
      if (meta === undefined || story === undefined) return null;
      return {
        clock: meta.clock,
        returns: story.events.filter((e) => e.kind === 'client-return').length,
        verdict: story.verdict?.verdict.status ?? null,
      };
    } finally {
      db.close();
    }
  });
}

test('a reload keeps the story: the clock, the console, the history with its verdict, the timeline', async ({
  page,
}) => {
  await page.goto('./');
  await runUntil(page, (s) => s.leader !== null);

  await sendLine(page, 'SET a 1');
  await expectRow(page, 0, 'SET a 1', 'ok', 'was absent');
  await sendLine(page, 'SET b 2');
  await expectRow(page, 1, 'SET b 2', 'ok', 'was absent');
  await sendLine(page, 'SET a 3');
  await expectRow(page, 2, 'SET a 3', 'ok', 'was 1');
  await sendLine(page, 'FROB x');
  await expectRow(page, 3, 'FROB x', 'refused', /unknown command FROB/);

  await page.getByRole('tab', { name: 'History' }).click();
  const verdict = page.locator('.hverdict-text');
  await expect(verdict).toHaveText('All 3 operations fit one order that explains every answer.', {
    timeout: 15_000,
  });

  // Well after the last answer: the moment we look back at later has everything committed.
  const before = await runFor(page, 1000);
  const logLength = before.logs[before.leader!]!.length;
  // The record is written within a second of a change; wait for it (not for a set time).
  await expect
    .poll(() => storedRecord(page), { timeout: 15_000 })
    .toMatchObject({ returns: 3, verdict: 'ok' });
  await expect
    .poll(async () => (await storedRecord(page))?.clock ?? 0)
    .toBeGreaterThanOrEqual(before.now);

  await page.reload();
  await waitForState(page, (s) => s.nodes.length > 0, 20_000);
  // The clock goes on from where it was; paused, so the moments before the reload stay near.
  const live = await pauseAndSettle(page);
  expect(live).toBeGreaterThanOrEqual(before.now);
  expect(await clock(page)).toBeGreaterThanOrEqual(before.now);

  // The console rows, the history with its verdict, the same client.
  await page.getByRole('tab', { name: 'KV console' }).click();
  await expect(consoleRows(page)).toHaveCount(4);
  await expectRow(page, 0, 'SET a 1', 'ok', 'was absent');
  await expectRow(page, 1, 'SET b 2', 'ok', 'was absent');
  await expectRow(page, 2, 'SET a 3', 'ok', 'was 1');
  await expectRow(page, 3, 'FROB x', 'refused', /unknown command FROB/);
  await expect(page.getByRole('combobox', { name: 'Client' })).toHaveValue('c1');
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.locator('.hbars g.hbar')).toHaveCount(3);
  await expect(verdict).toHaveText('All 3 operations fit one order that explains every answer.');
  await expect(page.locator('.hbadge')).toHaveText(/✓\s*linearizable/);

  // The timeline reaches back before the reload, and a moment there is shown as it was.
  const timeline = page.getByTestId('timeline');
  await expect
    .poll(async () => Number(await timeline.getAttribute('max')))
    .toBeGreaterThanOrEqual(before.now);
  await timeline.focus();
  await page.keyboard.press('PageDown');
  const moment = live - 1000;
  expect(moment).toBeLessThan(before.now);
  await expect(page.getByTestId('looking-at')).toContainText(`Looking at ${moment.toFixed(1)} ms`);
  await expect.poll(() => clock(page)).toBeCloseTo(moment, 0);
  await expect(page.locator('.logview-count')).toContainText(`${logLength} entries`);
  await expect(page.getByTestId('problem')).toHaveCount(0);

  // The console keeps working with the restored client.
  await page.getByTestId('back-to-live').click();
  await page.getByRole('tab', { name: 'KV console' }).click();
  await sendLine(page, 'GET a');
  await expectRow(page, 4, 'GET a', 'ok', '"3"');
  await expect(consoleRows(page).nth(4).getByRole('cell').nth(0)).toHaveText('c1');
  expect((await state(page)).violations).toEqual([]);
});

test('release lets go with nothing acknowledged lost and the record at its last moment', async ({
  page,
}) => {
  await page.goto('./');
  await runUntil(page, (s) => s.leader !== null);
  await intervene(page, { type: 'addClient' });
  await intervene(page, { type: 'kv', client: 'c1', command: { op: 'set', key: 'k', value: 'v' } });
  await runUntil(page, (s) => s.kv.some((kv) => kv.k === 'v'));
  // Acknowledged: the client has its answer.
  await expectRow(page, 0, 'SET k v', 'ok', 'was absent');
  const before = await state(page);
  // At once, without waiting for the record's periodic write: release writes it.
  const released = await page.evaluate(async () => {
    const c = window.__raft as unknown as {
      controller: { release(): Promise<void>; state: { snapshot: { now: number } } };
    };
    await c.controller.release();
    return c.controller.state.snapshot.now;
  });
  expect(await storedRecord(page)).toMatchObject({ returns: 1 });
  expect((await storedRecord(page))!.clock).toBeGreaterThanOrEqual(Math.max(before.now, released));

  await page.reload();
  const after = await runUntil(page, (s) => s.kv.length > 0 && s.kv.every((kv) => kv.k === 'v'));
  expect(after.now).toBeGreaterThanOrEqual(released);
  await expectRow(page, 0, 'SET k v', 'ok', 'was absent');
});

test('a reset deletes the run record with the nodes’ databases', async ({ page }) => {
  await page.goto('./');
  await runUntil(page, (s) => s.leader !== null);
  await expect.poll(() => storedRecord(page)).not.toBeNull();
  const names = await page.evaluate(async () => {
    const c = window.__raft as unknown as {
      controller: { wipe(): Promise<void>; options: { config: { clusterId: string } } };
    };
    const id = c.controller.options.config.clusterId;
    await c.controller.wipe();
    return (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.includes(id));
  });
  expect(names).toEqual([]);
});

test('a share link made after a reload replays the run from where it resumed, to the same state', async ({
  page,
  browser,
}) => {
  await page.goto('./');
  await runUntil(page, (s) => s.leader !== null);
  await intervene(page, { type: 'addClient' });
  await intervene(page, { type: 'kv', client: 'c1', command: { op: 'set', key: 'x', value: '1' } });
  const before = await runUntil(page, (s) => s.kv.every((kv) => kv.x === '1'));
  await expect
    .poll(async () => (await storedRecord(page))?.clock ?? 0, { timeout: 15_000 })
    .toBeGreaterThanOrEqual(before.now);

  await page.reload();
  await runUntil(page, (s) => s.leader !== null && s.now > before.now);
  await intervene(page, { type: 'kv', client: 'c1', command: { op: 'set', key: 'y', value: '2' } });
  await runUntil(page, (s) => s.kv.every((kv) => kv.y === '2'));
  await runFor(page, 200);
  await pauseAndSettle(page);
  const original = await state(page);

  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByTestId('share-link').inputValue();
  const { replay, context: other } = await openReplay(browser, link, original.now);
  expect(runSummary(await state(replay))).toEqual(runSummary(original));
  expect((await state(replay)).problems).toEqual([]);
  await other.close();
});
