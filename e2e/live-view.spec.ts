import { expect, test } from '@playwright/test';

test('the page runs a real simulated cluster that elects a leader and commits', async ({
  page,
}) => {
  await page.goto('./');
  await expect(page.getByTestId('leader')).toHaveText(/node \d/, { timeout: 15_000 });
  await expect(page.getByTestId('invariants')).toHaveText('invariants hold');
  const roles = await page.locator('[data-testid^="role-"]').allTextContents();
  expect(roles.filter((r) => r === 'leader')).toHaveLength(1);
  await page.screenshot({ path: 'test-results/live-view.png' });
});
