import { expect, test } from '@playwright/test';
import { intervene, runUntil } from './helpers';

test.describe('storage failures are reported and the cluster keeps running', () => {
  test('quota exceeded: a clear message, nodes go on in memory, a reload starts a new cluster', async ({
    page,
  }) => {
    await page.goto('./?storageFault=quota');
    await expect(page.getByTestId('problem').first()).toContainText('QuotaExceededError', {
      timeout: 15_000,
    });
    await expect(page.getByTestId('problem').first()).toContainText('keeps its state in memory');
    let s = await runUntil(
      page,
      (x) => x.leader !== null && x.nodes.every((n) => n.storage === 'memory'),
    );
    // Every node hit the same fault: one notice names them all instead of five stacking.
    await expect(page.getByTestId('problem').filter({ hasText: 'QuotaExceededError' })).toHaveCount(
      1,
    );
    await intervene(page, { type: 'addClient' });
    await intervene(page, {
      type: 'kv',
      client: 'c1',
      command: { op: 'set', key: 'k', value: 'v' },
    });
    s = await runUntil(page, (x) => x.kv.every((kv) => kv.k === 'v'));
    // A crash and restart in memory mode keeps the node's durable state (held by its host).
    await intervene(page, { type: 'crash', node: 0 });
    await intervene(page, { type: 'restart', node: 0 });
    s = await runUntil(page, (x) => x.kv[0]?.k === 'v');
    expect(s.violations).toEqual([]);
    await page.screenshot({ path: 'test-results/storage-quota.png' });

    await page.goto('./');
    await expect(page.getByTestId('problem').first()).toContainText('a new cluster was started', {
      ignoreCase: true,
    });
    s = await runUntil(page, (x) => x.leader !== null);
    expect(s.nodes.every((n) => n.storage === 'idb')).toBe(true);
    expect(s.kv.every((kv) => kv.k === undefined)).toBe(true);
  });

  test('IndexedDB unavailable: the message says so and the cluster runs in memory', async ({
    page,
  }) => {
    await page.goto('./?storageFault=unavailable');
    await expect(page.getByTestId('problem').first()).toContainText('IndexedDB is not available', {
      timeout: 15_000,
    });
    const s = await runUntil(page, (x) => x.leader !== null);
    expect(s.nodes.every((n) => n.storage === 'memory')).toBe(true);
  });

  test('a corrupted record is reported and that node starts clean', async ({ page }) => {
    await page.goto('./?storageFault=corrupt');
    await expect(page.getByTestId('problem').first()).toContainText(
      'meta record is not an object',
      { timeout: 15_000 },
    );
    const s = await runUntil(page, (x) => x.leader !== null);
    expect(s.violations).toEqual([]);
  });
});
