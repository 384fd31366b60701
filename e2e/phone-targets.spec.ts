import { expect, test } from '@playwright/test';
import { state } from './helpers';

test('on a phone every button and menu is at least 44 px tall', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?nodes=3&seed=2');
  await state(page);
  await expect(page.getByRole('button', { name: 'Export' })).toBeVisible();
  const controls = page.locator('button:visible, select:visible');
  const heights = await controls.evaluateAll((els) =>
    els.map((e) => ({
      text: e.textContent?.trim().slice(0, 30),
      h: e.getBoundingClientRect().height,
    })),
  );
  const small = heights.filter((b) => b.h > 0 && b.h < 44);
  expect(small).toEqual([]);
  // Nothing wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: 'test-results/phone-targets.png', fullPage: true });
});
