import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { intervene, runUntil, state } from './helpers';

test('the space-time view draws lanes, arrows and marks; an arrow says what it was; it saves as SVG', async ({
  page,
}) => {
  await page.goto('/?nodes=3&seed=2&paused=1');
  const s = await runUntil(page, (st) => st.leader !== null);
  await intervene(page, { type: 'crash', node: s.leader! });
  await runUntil(page, (st) => st.leader !== null && st.leader !== s.leader);
  await page.getByRole('tab', { name: 'Space-time' }).click();
  const diagram = page.getByRole('img', {
    name: /^Space-time diagram from .*: \d+ messages, 1 crashes$/,
  });
  await expect(diagram).toBeVisible();
  const count = Number(/(\d+) messages/.exec((await diagram.getAttribute('aria-label'))!)![1]);
  expect(count).toBeGreaterThan(5);

  // The newest messages are buttons too; one reads out and is selected.
  await page.getByText(/^Newest messages in the window/).click();
  const list = page.getByRole('list', { name: 'Messages in the window' });
  const first = list.getByRole('button').first();
  await first.click();
  await expect(first).toHaveAttribute('aria-pressed', 'true');
  const firstText = (await first.textContent()) ?? '';
  await expect(page.locator('.spacetime-detail')).toHaveText(firstText);
  // A click on the canvas picks the arrow under it: find one by scanning the drawing.
  const box = (await diagram.boundingBox())!;
  let picked = false;
  for (let x = box.width - 20; x > 50 && !picked; x -= 6) {
    for (const y of [60, 80, 100]) {
      await diagram.click({ position: { x, y } });
      const text = (await page.locator('.spacetime-detail').textContent()) ?? '';
      if (text !== firstText && /^#\d+ /.test(text)) {
        picked = true;
        break;
      }
    }
  }
  expect(picked).toBe(true);
  await page.screenshot({ path: 'test-results/spacetime-desktop.png' });

  // The window moves along the run, and back to following it.
  await page.getByRole('button', { name: '← Earlier' }).click();
  await expect(page.getByRole('button', { name: 'Follow the run' })).toBeEnabled();
  await page.getByRole('button', { name: 'Follow the run' }).click();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save as SVG' }).click();
  const svg = readFileSync((await (await download).path())!, 'utf8');
  expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  for (const name of ['S1', 'S2', 'S3', '✕', 'leader, t']) expect(svg).toContain(name);
  expect(svg.match(/<line /g)!.length).toBeGreaterThan(count);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('tab', { name: 'Space-time' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/spacetime-phone.png', fullPage: true });
  expect((await state(page)).violations).toEqual([]);
});
