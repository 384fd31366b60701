import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

test('the finder finds and shrinks a run that breaks a rule, and the page replays it to that rule', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Break a rule' }).click();
  const dialog = page.getByRole('dialog', { name: 'Break a rule of Raft' });
  await dialog.getByRole('radio', { name: /No election restriction/ }).check();
  await dialog.screenshot({ path: 'test-results/find-dialog.png' });
  await dialog.getByRole('button', { name: 'Find a failure' }).click();
  // It searches in workers, shrinks, then opens the shrunk run in a cluster of its own.
  const found = page.getByRole('region', { name: 'The failing run' });
  await expect(found).toBeVisible({ timeout: 45_000 });
  await expect(page).toHaveURL(/#run=/);
  await expect(found).toContainText('this run breaks a rule: Leader completeness');
  await expect(page.getByRole('region', { name: /Unsafe/ })).toContainText(
    'Unsafe: No election restriction.',
  );
  // The page's own checker, on its own replay in the node workers, catches the same rule.
  await expect(page.getByTestId('invariant-violation')).toContainText('Leader completeness', {
    timeout: 30_000,
  });
  const rule = await found.locator('.found-rule').textContent();
  await expect(page.getByTestId('invariant-violation')).toContainText(rule!);
  // The steps that led there: the shrunk run has a few.
  const steps = found.getByRole('list', { name: 'What led there' }).getByRole('listitem');
  expect(await steps.count()).toBeGreaterThan(0);
  expect(await steps.count()).toBeLessThan(40);
  await page.screenshot({ path: 'test-results/find-found-desktop.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/find-found-phone.png', fullPage: true });
  // The run file downloads.
  const download = page.waitForEvent('download');
  await found.getByRole('button', { name: 'Save the run file' }).click();
  expect((await download).suggestedFilename()).toBe('failing-run-noElectionRestriction.json');
  // And so does the run as a text scenario, ending at the rule it breaks.
  const scenario = page.waitForEvent('download');
  await found.getByRole('button', { name: 'Save as a text scenario' }).click();
  const saved = await scenario;
  expect(saved.suggestedFilename()).toBe('failing-run-noElectionRestriction.txt');
  const text = readFileSync((await saved.path())!, 'utf8');
  expect(text).toMatch(/^nodes \d seed \d+ .* unsafe noElectionRestriction$/m);
  expect(text).toMatch(/^run until violated \w/m);
});

test('the finder stops when asked and says how far it got', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Break a rule' }).click();
  const dialog = page.getByRole('dialog', { name: 'Break a rule of Raft' });
  await dialog.getByRole('radio', { name: /No client sessions/ }).check();
  await dialog.getByRole('button', { name: 'Find a failure' }).click();
  await expect(dialog.getByTestId('finder-progress')).toContainText('Searching with');
  await dialog.getByRole('button', { name: 'Stop' }).click();
  await expect(dialog.getByTestId('finder-progress')).toContainText(
    /^Stopped after \d+ schedules?/,
  );
  await expect(page).not.toHaveURL(/#run=/);
});

test('a bad unsafe= parameter is named and ignored; a good one opens a cluster of its own with the rule off', async ({
  page,
}) => {
  await page.goto('/?unsafe=noSafety');
  await expect(page.getByText(/unsafe=noSafety is not a safety switch/)).toBeVisible();
  await expect(page.getByRole('region', { name: /Unsafe/ })).toHaveCount(0);
  await page.goto('/?unsafe=voteNotPersisted');
  await expect(page.getByRole('region', { name: /Unsafe/ })).toContainText(
    'Unsafe: Vote not persisted.',
  );
  await expect(page.getByText(/not saved/)).toBeVisible();
});
