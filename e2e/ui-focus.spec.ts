/** Keyboard focus never falls to <body> when the control holding it goes away. */
import { expect, type Page, test } from '@playwright/test';
import { intervene, runFor, runUntil } from './helpers';

const focusedIsBody = (page: Page) => page.evaluate(() => document.activeElement === document.body);

test.beforeEach(async ({ page }) => {
  await page.goto('./');
  await runUntil(page, (s) => s.leader !== null);
});

test('Partition… gives focus to the tool it opens; Apply and Cancel give it back to Partition…', async ({
  page,
}) => {
  const partition = page.getByRole('button', { name: 'Partition…' });
  await partition.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Group B' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: 'Group B' })).toBeFocused();
  await page.getByRole('button', { name: 'Cancel' }).focus();
  await page.keyboard.press('Enter');
  await expect(partition).toBeFocused();

  // Apply, with one node in group B.
  await page.keyboard.press('Enter');
  await page.locator('g.node').first().click();
  await page.getByRole('button', { name: 'Apply' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('g.lane.down').first()).toBeAttached();
  await expect(partition).toBeFocused();
});

test('the ? help gives focus back to what opened it: the ? button, or the element where ? was pressed', async ({
  page,
}) => {
  const help = page.getByRole('button', { name: 'Keyboard shortcuts' });
  const dialog = page.getByTestId('help-dialog');
  await help.focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).not.toBeVisible();
  await expect(help).toBeFocused();

  await help.click();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).not.toBeVisible();
  await expect(help).toBeFocused();

  const settings = page.getByRole('button', { name: 'Settings' });
  await settings.focus();
  await page.keyboard.press('?');
  await expect(dialog.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).not.toBeVisible();
  await expect(settings).toBeFocused();

  // Pressed with nothing focused: focus lands on the ? button, not on <body>.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('?');
  await expect(dialog.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).not.toBeVisible();
  await expect(help).toBeFocused();
});

test('when a focused message is delivered, focus moves to the message layer; arrow keys go on from there', async ({
  page,
}) => {
  // Slow messages, so one can be focused before it arrives; then freeze the moment.
  await intervene(page, { type: 'setNetwork', network: { delayMs: [40, 60] } });
  await runFor(page, 200);
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  const glyph = page.locator('.cluster-canvas use.msg').first();
  await expect(glyph).toBeAttached();
  const id = await glyph.getAttribute('data-id');
  await glyph.focus();
  await expect(glyph).toBeFocused();

  await runFor(page, 100);
  await expect(page.locator(`use.msg[data-id="${id}"]`)).toHaveCount(0);
  const layer = page.getByRole('group', { name: /^Messages in flight/ });
  await expect(layer).toBeFocused();
  expect(await focusedIsBody(page)).toBe(false);
  await page.screenshot({ path: 'test-results/ui-focus-message-layer.png' });

  await expect(page.locator('.cluster-canvas use.msg').first()).toBeAttached();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.cluster-canvas use.msg').first()).toBeFocused();
});

test('closing a message’s details gives focus back to its glyph, or to the layer once it is gone', async ({
  page,
}) => {
  await intervene(page, { type: 'setNetwork', network: { delayMs: [40, 60] } });
  await runFor(page, 200);
  await page.getByRole('button', { name: 'Pause' }).click();
  const glyph = page.locator('.cluster-canvas use.msg').first();
  const id = await glyph.getAttribute('data-id');
  await glyph.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('dialog', { name: `Message #${id}` });
  await expect(panel).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(page.locator(`use.msg[data-id="${id}"]`)).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(panel).toBeFocused();
  await runFor(page, 100);
  await expect(panel.getByText('Delivered or dropped')).toBeVisible();
  await panel.getByRole('button', { name: 'Close message details' }).click();
  await expect(panel).toHaveCount(0);
  await expect(page.getByRole('group', { name: /^Messages in flight/ })).toBeFocused();
});
