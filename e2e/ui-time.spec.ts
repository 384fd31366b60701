import { expect, type Page, test } from '@playwright/test';
import { intervene, openReplay, runFor, runSummary, runUntil, state } from './helpers';

/** What the page's runtime says right now (beyond helpers' state()). */
interface Runtime {
  now: number;
  paused: boolean;
  speed: number | 'max';
  dropRate: number;
  seed: number;
  timing: { electionTimeoutMs: [number, number]; heartbeatMs: number };
  trace: Array<{ t: number; kind: string }>;
}

function runtime(page: Page): Promise<Runtime> {
  return page.evaluate(() => {
    const c = (
      window.__raft as unknown as {
        controller: {
          state: {
            snapshot: { now: number; network: { settings: { dropRate: number } } };
            paused: boolean;
            speed: number | 'max';
          } | null;
          options: {
            config: { seed: number; electionTimeoutMs: [number, number]; heartbeatMs: number };
          };
          trace(): Array<{ t: number; kind: string }>;
        };
      }
    ).controller;
    return {
      now: c.state!.snapshot.now,
      paused: c.state!.paused,
      speed: c.state!.speed,
      dropRate: c.state!.snapshot.network.settings.dropRate,
      seed: c.options.config.seed,
      timing: {
        electionTimeoutMs: c.options.config.electionTimeoutMs,
        heartbeatMs: c.options.config.heartbeatMs,
      },
      trace: c.trace().map((e) => ({ t: e.t, kind: e.kind })),
    };
  });
}

/** Lets the page draw a few frames (no wall-clock sleeps). */
function frames(page: Page, n = 10): Promise<unknown> {
  return page.evaluate(
    (count) =>
      new Promise<void>((resolve) => {
        let left = count;
        const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      }),
    n,
  );
}

/** The virtual time the top bar shows, in ms. */
async function clock(page: Page): Promise<number> {
  return Number.parseFloat((await page.getByTestId('virtual-time').textContent()) ?? 'NaN');
}

/** The moment the "Looking at …" banner names, in ms (NaN when there is none). */
async function lookingAt(page: Page): Promise<number> {
  const text = (await page.getByTestId('looking-at').textContent()) ?? '';
  return Number.parseFloat(/Looking at ([\d.]+) ms/.exec(text)?.[1] ?? 'NaN');
}

async function started(page: Page, url = './'): Promise<void> {
  await page.goto(url);
  await runUntil(page, (s) => s.leader !== null);
}

test('pause stops virtual time, step runs one event, max speed runs fast', async ({ page }) => {
  await started(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect.poll(async () => (await runtime(page)).paused).toBe(true);
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await frames(page);
  const before = await runtime(page);
  const shown = await clock(page);
  await frames(page, 30);
  const after = await runtime(page);
  expect(after.now).toBe(before.now);
  expect(await clock(page)).toBe(shown);

  await page.keyboard.press('.');
  await expect
    .poll(async () => (await runtime(page)).trace.length)
    .toBeGreaterThan(after.trace.length);
  const stepped = await runtime(page);
  const fresh = stepped.trace.slice(after.trace.length);
  // One scheduler event: everything it caused happened at one virtual instant.
  expect(new Set(fresh.map((e) => e.t)).size).toBe(1);
  expect(fresh[0]!.t).toBeGreaterThanOrEqual(after.now);
  expect(stepped.paused).toBe(true);
  await expect(page.getByTestId('virtual-time')).toHaveText(`${stepped.now.toFixed(1)} ms`);

  const slider = page.getByLabel('Speed', { exact: true });
  await slider.focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('speed-readout')).toHaveText('max (as fast as possible)');
  await expect.poll(async () => (await runtime(page)).speed).toBe('max');
  await page.getByRole('button', { name: 'Play' }).click();
  const t0 = (await runtime(page)).now;
  // At the default ×0.1, 10 s of wall time would be 1,000 virtual ms at most.
  await expect
    .poll(async () => (await runtime(page)).now - t0, { timeout: 10_000 })
    .toBeGreaterThan(5000);
  await page.screenshot({ path: 'test-results/ui-time-max-speed.png' });

  await slider.focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('speed-readout')).toHaveText('×0.005 (very slow)');
});

test('scrub back to an earlier moment and return to live; the event log explains', async ({
  page,
}) => {
  await started(page);
  await runFor(page, 600);
  const liveNow = (await runtime(page)).now;
  const timeline = page.getByTestId('timeline');
  const box = (await timeline.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.25, box.y + box.height / 2);
  await expect(page.getByTestId('looking-at')).toContainText('Looking at');
  await expect(page.getByTestId('back-to-live')).toBeVisible();
  await expect.poll(() => clock(page)).toBeLessThan(liveNow * 0.6);
  // Once the replay of that moment is shown, the clock and the banner agree.
  await expect
    .poll(async () => Math.abs((await clock(page)) - (await lookingAt(page))))
    .toBeLessThan(0.5);
  const looked = await clock(page);

  await timeline.press('ArrowLeft');
  await expect.poll(() => clock(page)).toBeCloseTo(looked - 10, 0);
  await expect.poll(() => lookingAt(page)).toBeCloseTo(looked - 10, 0);
  await page.screenshot({ path: 'test-results/ui-time-inspect.png' });

  await page.getByTestId('back-to-live').click();
  await expect(page.getByTestId('looking-at')).toHaveCount(0);
  await expect.poll(() => clock(page)).toBeGreaterThan(liveNow);

  await page.getByRole('tab', { name: 'Event log' }).click();
  await page.getByLabel('Search events').fill('became leader');
  const row = page.locator('.event-row', { hasText: /became leader in term \d+/ }).first();
  await expect(row).toBeVisible();
  await page.getByRole('button', { name: 'Messages' }).click();
  await expect(page.getByRole('button', { name: 'Messages' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  await page.screenshot({ path: 'test-results/ui-time-event-log.png' });
  const when = Number.parseFloat((await row.locator('.event-time').textContent())!);
  await row.locator('.event-time').click();
  await expect.poll(() => lookingAt(page)).toBeCloseTo(when, 0);
  await page.getByTestId('back-to-live').click();
  await expect(page.getByTestId('looking-at')).toHaveCount(0);
});

test('settings: network changes apply live; a reset after confirmation starts afresh', async ({
  page,
}) => {
  await started(page);
  await page.keyboard.press('?');
  const help = page.getByTestId('help-dialog');
  await expect(help.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeVisible();
  await expect(help.getByText('step one event')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  const opener = page.getByRole('button', { name: 'Settings' });
  await opener.click();
  const dialog = page.getByTestId('settings-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Dark').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await page.evaluate(() => localStorage.getItem('raft-playground.theme'))).toBe('dark');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  await opener.click();
  await dialog.getByLabel('Drop rate (%)').fill('20');
  await expect(dialog.getByTestId('network-status')).toContainText('drop 20%');
  await expect.poll(async () => (await runtime(page)).dropRate).toBe(0.2);

  await dialog.getByLabel('Delay max (ms)').fill('-1');
  await expect(dialog.getByText('Maximum delay: a number of ms from 0 to 10000.')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Apply and reset…' })).toBeDisabled();
  await dialog.getByLabel('Delay max (ms)').fill('40');
  await dialog.getByLabel('Drop rate (%)').fill('0');
  await expect.poll(async () => (await runtime(page)).dropRate).toBe(0);

  await dialog.getByLabel('Nodes (3–9)').fill('3');
  await dialog.getByLabel('Seed').fill('7');
  await dialog.getByLabel('Heartbeat (ms)').fill('200');
  await expect(
    dialog.getByText(/Heartbeat: .* shorter than the election timeout min/),
  ).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Apply and reset…' })).toBeDisabled();
  await dialog.getByLabel('Election timeout min (ms)').fill('400');
  await dialog.getByLabel('Election timeout max (ms)').fill('800');
  await dialog.getByRole('button', { name: 'Apply and reset…' }).click();
  await expect(
    dialog.getByText('This stops “Your cluster” and deletes its stored data.'),
  ).toBeVisible();
  await page.screenshot({ path: 'test-results/ui-time-settings-confirm.png' });
  await dialog.getByRole('button', { name: 'Yes, reset the cluster' }).click();

  // The new cluster replaces window.__raft once it runs.
  await expect
    .poll(() => page.evaluate(() => window.__raft.state()?.nodes.length ?? 0), { timeout: 20_000 })
    .toBe(3);
  const s = await runUntil(page, (x) => x.leader !== null);
  expect((await runtime(page)).seed).toBe(7);
  expect((await runtime(page)).timing).toEqual({ electionTimeoutMs: [400, 800], heartbeatMs: 200 });
  expect(s.logs[s.leader!]!.map((e) => e.command)).toEqual([null]);
  expect(s.nodes.every((n) => (n.status?.term ?? 0) <= 2)).toBe(true);
});

test('a share link replays the run to the same state, paused at that moment', async ({
  page,
  browser,
}) => {
  await started(page);
  const { id } = (await intervene(page, { type: 'addClient' })) as { id: string };
  await intervene(page, { type: 'kv', client: id, command: { op: 'set', key: 'x', value: '1' } });
  await runFor(page, 200);
  await intervene(page, { type: 'crash', node: 1 });
  await runFor(page, 300);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect.poll(async () => (await runtime(page)).paused).toBe(true);
  await frames(page);

  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toMatch(/#run=[\w-]+$/);
  await expect(page.getByTestId('share-embed')).toHaveValue(
    /^<iframe src="[^"]*\?embed=1#run=[\w-]+" width="800" height="480" title="Raft playground"/,
  );
  await page.screenshot({ path: 'test-results/ui-time-share.png' });
  const original = await state(page);
  expect(original.kv.some((kv) => kv.x === '1')).toBe(true);

  const { replay, context: other } = await openReplay(browser, link, original.now);
  const copy = await state(replay);
  expect((await runtime(replay)).paused).toBe(true);
  expect(runSummary(copy)).toEqual(runSummary(original));
  await expect(replay.getByRole('button', { name: 'Play' })).toBeVisible();
  await replay.screenshot({ path: 'test-results/ui-time-replayed.png' });
  await other.close();
});

test('an embed URL shows the cluster without the page chrome', async ({ page }) => {
  await started(page, './?embed=1');
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(0);
  await expect(page.getByRole('tablist')).toHaveCount(0);
  await expect(page.getByTestId('play-pause')).toBeVisible();
  await expect(page.getByTestId('virtual-time')).toBeVisible();
  await expect(page.getByTestId('timeline')).toHaveCount(0);
  await expect(page.getByText('Invariants hold')).toBeVisible();
  await page.screenshot({ path: 'test-results/ui-time-embed.png' });
});

test('an embed URL with a bad value shows a compact note that can be dismissed', async ({
  page,
}) => {
  await page.setViewportSize({ width: 800, height: 480 });
  await started(page, './?embed=1&nodes=abc');
  const note = page.getByTestId('problem');
  await expect(note).toHaveText(/nodes=abc is not a whole number from 3 to 9; the default is used/);
  expect((await note.boundingBox())!.height).toBeLessThan(30);
  await expect(page.getByLabel('Cluster: nodes, links and messages in flight')).toBeVisible();
  await page.screenshot({ path: 'test-results/ui-time-embed-note.png' });
  await note.getByRole('button', { name: 'Dismiss this message' }).click();
  await expect(note).toHaveCount(0);
});
