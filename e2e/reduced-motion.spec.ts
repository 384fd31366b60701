import { expect, type Page, test } from '@playwright/test';
import { intervene, runFor, runUntil } from './helpers';

/** A message's glyph position, then again 5 virtual ms later (it is still in flight). */
async function twoPositions(page: Page): Promise<[string | null, string | null]> {
  await page.goto('/?nodes=3&seed=2&paused=1');
  await runUntil(page, (s) => s.leader !== null);
  // Slow messages: each takes 200 ms or more, so one stays in flight across the two looks.
  await intervene(page, { type: 'setNetwork', network: { delayMs: [200, 300] } });
  await runFor(page, 60);
  const glyph = page.locator('use.msg').first();
  await expect(glyph).toBeAttached();
  const id = await glyph.getAttribute('data-id');
  const same = page.locator(`use.msg[data-id="${id}"]`);
  const before = await same.getAttribute('transform');
  await runFor(page, 5);
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
  return [before, await same.getAttribute('transform')];
}

test('messages fly along their lane as virtual time passes', async ({ page }) => {
  const [before, after] = await twoPositions(page);
  expect(after).not.toBeNull();
  expect(after).not.toBe(before);
});

test('with reduced motion, messages rest halfway along their lane instead of flying', async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const [before, after] = await twoPositions(page);
  expect(before).not.toBeNull();
  expect(after).toBe(before);
});
