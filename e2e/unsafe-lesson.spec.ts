import { expect, type Page, test } from '@playwright/test';
import { state } from './helpers';

const lesson = (page: Page) => page.getByRole('complementary', { name: 'Lesson' });

/**
 * Plays a lesson with a rule switched off as a learner would: each question answered (the
 * answer must come out right), each task done with "Show me". The page's own checker must
 * then name the rule the lesson is about.
 */
async function playThrough(
  page: Page,
  steps: number,
  answers: Record<number, RegExp>,
  shots: string,
): Promise<void> {
  const panel = lesson(page);
  for (let step = 1; step <= steps; step++) {
    await expect(panel.getByText(`Step ${step} of ${steps}`)).toBeVisible();
    const answer = answers[step];
    if (answer !== undefined) await panel.getByRole('radio', { name: answer }).check();
    const run = panel.getByRole('button', { name: 'Run step' });
    if (await run.isVisible()) await run.click();
    if (step === steps) break;
    // The step runs to its end, or stops at a task for the learner.
    const showMe = panel.getByRole('button', { name: 'Show me' });
    const next = panel.getByRole('button', { name: 'Next step' });
    await expect(showMe.or(next)).toBeVisible({ timeout: 30_000 });
    if (await showMe.isVisible()) await showMe.click();
    await expect(next).toBeEnabled({ timeout: 30_000 });
    if (answer !== undefined)
      await expect(panel.getByRole('status').filter({ hasText: 'You said' })).toContainText(
        'Right!',
      );
    await page.screenshot({ path: `test-results/${shots}-step${step}.png` });
    await panel.getByRole('button', { name: 'Next step' }).click();
  }
}

test('Figure 8 in the page: a leader commits an old-term entry by counting, and the checker names what breaks', async ({
  page,
}) => {
  await page.goto('/?lesson=unsafe-commit-old-terms');
  await expect(page.getByText('Unsafe', { exact: false }).first()).toBeVisible();
  await playThrough(page, 6, { 4: /it counts the copies/, 5: /S1's log ends/ }, 'lesson-figure8');
  const s = await state(page);
  expect(s.violations.some((v) => v.startsWith('Leader completeness'))).toBe(true);
  expect(s.violations.some((v) => v.startsWith('Committed entries are durable'))).toBe(true);
  await page.screenshot({ path: 'test-results/lesson-figure8-end.png' });
});
