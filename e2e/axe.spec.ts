import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { intervene, runFor, runUntil, sendLine, state } from './helpers';

/**
 * An automated accessibility audit (WCAG 2.1 A and AA, as axe-core checks it) of every view
 * a learner reaches: each state is visited once and audited in the light and the dark theme
 * (the page follows the system's colour scheme). Each test reports every violation it met,
 * with the rule, its impact and the elements, so one run names everything to fix.
 */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const THEMES = ['light', 'dark'] as const;

class Audit {
  readonly problems: string[] = [];
  constructor(private readonly page: Page) {}

  /** Audits the page (or only `include`, a CSS selector) in both themes. */
  async check(where: string, include?: string): Promise<void> {
    for (const theme of THEMES) {
      await this.page.emulateMedia({ colorScheme: theme });
      // Legacy mode runs axe in the page itself, without opening a blank page per run to
      // gather frames' results: the app has no iframes, and the audit is a third faster.
      let builder = new AxeBuilder({ page: this.page }).withTags(TAGS).setLegacyMode(true);
      if (include !== undefined) builder = builder.include(include);
      const { violations } = await builder.analyze();
      for (const v of violations) {
        const targets = v.nodes.map((n) => `      ${n.target.join(' ')}`).join('\n');
        this.problems.push(`${where} [${theme}]: ${v.id} (${v.impact}) ${v.help}\n${targets}`);
      }
    }
    await this.page.emulateMedia({ colorScheme: 'light' });
  }

  expectNone(): void {
    expect(this.problems.length, `axe found:\n${this.problems.join('\n')}\n`).toBe(0);
  }
}

/** Opens a dialog with `open`, audits it alone (the page behind is inert), closes it. */
async function checkDialog(audit: Audit, page: Page, name: string, open: () => Promise<void>) {
  await open();
  const dialog = page.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  await audit.check(`dialog "${name}"`, 'dialog[open]');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

test('the main page: running, as a table, a node and a message selected, each panel and dialog', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const audit = new Audit(page);
  await page.goto('/');
  await runUntil(page, (s) => s.leader !== null);
  await audit.check('main page, running');

  await page.getByRole('button', { name: 'As a table' }).click();
  await expect(page.getByRole('table', { name: /^Nodes at / })).toBeVisible();
  await audit.check('cluster as a table');
  await page.getByRole('button', { name: 'As a table' }).click();

  // Slow messages, so some are on the wire; then freeze the moment.
  await intervene(page, { type: 'setNetwork', network: { delayMs: [40, 60] } });
  await runFor(page, 200);
  await page.getByRole('button', { name: 'Pause' }).click();
  const leader = (await state(page)).leader!;
  await page
    .getByRole('button', { name: new RegExp(`^S${leader + 1}\\b`) })
    .first()
    .click();
  await expect(page.getByRole('button', { name: 'Crash', exact: true })).toBeVisible();
  await audit.check('a node selected');

  await expect.poll(() => page.locator('.cluster-canvas use.msg').count()).toBeGreaterThan(0);
  const glyph = page.locator('.cluster-canvas use.msg').last();
  const id = await glyph.getAttribute('data-id');
  await glyph.click();
  await expect(page.getByRole('dialog', { name: `Message #${id}` })).toBeVisible();
  await audit.check('a message selected');
  await page.getByRole('button', { name: 'Close message details' }).click();

  await page.getByRole('button', { name: 'Play' }).click();
  await sendLine(page, 'SET x 1');
  await sendLine(page, 'GET x');
  await runFor(page, 300);
  // Paused from here on: the rest is read, not run (and axe has the CPU to itself).
  await page.getByRole('button', { name: 'Pause' }).click();
  for (const tab of ['KV console', 'History', 'Event log', 'Space-time']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    await audit.check(`panel "${tab}"`, '.bottom');
  }

  // Looking at an earlier moment: the banner, and the events after it shown apart.
  await page.getByRole('tab', { name: 'Event log' }).click();
  const timeline = page.getByTestId('timeline');
  const box = (await timeline.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.5, box.y + box.height / 2);
  await expect(page.getByTestId('looking-at')).toContainText('Looking at');
  await expect(page.locator('.event-row.after').first()).toBeVisible();
  await audit.check('looking at an earlier moment, event log');
  await page.getByTestId('back-to-live').click();
  await expect(page.getByTestId('looking-at')).toHaveCount(0);

  await checkDialog(audit, page, 'Settings', () =>
    page.getByRole('button', { name: 'Settings' }).click(),
  );
  await checkDialog(audit, page, 'Share this run', () =>
    page.getByRole('button', { name: 'Share' }).click(),
  );
  await checkDialog(audit, page, 'Export this run', () =>
    page.getByRole('button', { name: 'Export' }).click(),
  );
  await checkDialog(audit, page, 'Lessons', () =>
    page.getByRole('button', { name: 'Lessons' }).click(),
  );
  await checkDialog(audit, page, 'Break a rule of Raft', () =>
    page.getByRole('button', { name: 'Break a rule' }).click(),
  );
  await checkDialog(audit, page, 'Keyboard shortcuts', () => page.keyboard.press('?'));
  audit.expectNone();
});

test('a lesson in progress', async ({ page }) => {
  const audit = new Audit(page);
  await page.goto('/?lesson=leader-election');
  const panel = page.getByRole('complementary', { name: 'Lesson' });
  await expect(panel.getByText('Step 1 of 5')).toBeVisible();
  await panel.getByRole('radio', { name: /Become a candidate/ }).check();
  await panel.getByRole('button', { name: 'Run step' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'You said' })).toContainText('Right!', {
    timeout: 20_000,
  });
  await audit.check('a lesson, after its first step');
  audit.expectNone();
});

test('the embed layout', async ({ page }) => {
  const audit = new Audit(page);
  await page.goto('/?embed=1');
  await runUntil(page, (s) => s.leader !== null);
  await audit.check('embed');
  audit.expectNone();
});
