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
  const diagram = page.getByRole('group', { name: /^Space-time diagram from / });
  await expect(diagram).toBeVisible();
  const arrows = diagram.getByRole('button', { name: /^#\d+ / });
  expect(await arrows.count()).toBeGreaterThan(5);
  await expect(diagram.getByText('✕')).toHaveCount(1);
  await expect(diagram.getByText(/^leader, t\d+$/).first()).toBeVisible();

  const vote = diagram
    .getByRole('button', { name: /RequestVote \(vote request\), S\d → S\d/ })
    .first();
  await vote.click();
  await expect(
    page.getByText(/^#\d+ RequestVote \(vote request\), S\d → S\d, term \d+: sent at/),
  ).toBeVisible();
  await page.screenshot({ path: 'test-results/spacetime-desktop.png' });

  // The window moves along the run, and back to following it.
  await page.getByRole('button', { name: '← Earlier' }).click();
  await expect(page.getByRole('button', { name: 'Follow the run' })).toBeEnabled();
  await page.getByRole('button', { name: 'Follow the run' }).click();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save as SVG' }).click();
  const svg = readFileSync((await (await download).path())!, 'utf8');
  expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  for (const name of ['S1', 'S2', 'S3', 'RequestVote']) expect(svg).toContain(name);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('tab', { name: 'Space-time' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/spacetime-phone.png', fullPage: true });
  expect((await state(page)).violations).toEqual([]);
});
