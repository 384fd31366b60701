import { expect, test } from '@playwright/test';
import { runUntil } from './helpers';

test('the page runs a real cluster that elects a leader', async ({ page }) => {
  await page.goto('./');
  const s = await runUntil(page, (x) => x.leader !== null);
  expect(s.nodes.filter((n) => n.status?.role === 'leader')).toHaveLength(1);
  expect(s.violations).toEqual([]);
});
