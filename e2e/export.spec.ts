import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { loadHistory } from '../src/check/linearizability/load-history';
import { parsePorcupineKv } from '../src/check/linearizability/porcupine-format';
import { runScenario } from '../src/sim/scenario-text/runner';
import { runSummary, state, waitForState, writeKey } from './helpers';

async function save(page: Page, button: string): Promise<{ name: string; path: string }> {
  const dialog = page.getByRole('dialog', { name: 'Export this run' });
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: button, exact: true }).click();
  const d = await download;
  return { name: d.suggestedFilename(), path: (await d.path())! };
}

test('Export: a trace file that replays the run, the history for both checkers, a text scenario, pictures', async ({
  page,
}) => {
  await page.goto('/?nodes=3&seed=11&paused=1');
  await writeKey(page, 'x', '1');
  const before = await state(page);
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export this run' });
  await dialog.screenshot({ path: 'test-results/export-dialog.png' });

  const trace = await save(page, 'Trace (JSON)');
  expect(trace.name).toMatch(/^raft-3n-seed11-\d+ms\.trace\.json$/);
  const file = JSON.parse(readFileSync(trace.path, 'utf8'));
  expect(file).toMatchObject({
    format: 'raft-playground-trace',
    version: 1,
    run: { nodes: 3, seed: 11 },
  });
  expect(file.events.length).toBeGreaterThan(10);

  const history = loadHistory(readFileSync((await save(page, 'History (JSON)')).path, 'utf8'));
  expect(history.map((op) => [op.op, op.key, op.value])).toEqual([['set', 'x', '1']]);
  const porcupine = readFileSync((await save(page, 'History (porcupine)')).path, 'utf8');
  expect(parsePorcupineKv(porcupine)).toHaveLength(1);

  const scenarioFile = await save(page, 'Text scenario');
  const scenario = readFileSync(scenarioFile.path, 'utf8');
  expect(scenario).toMatch(/^nodes 3 seed 11 /m);
  // The scenario's own output is what it prints when run again.
  const again = runScenario(scenario);
  expect(again.outputs).toEqual(again.file.blocks.map((b) => b.expected));

  const svg = readFileSync((await save(page, 'Picture (SVG)')).path, 'utf8');
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  for (const name of ['S1', 'S2', 'S3']) expect(svg).toContain(name);
  const png = readFileSync((await save(page, 'Picture (PNG)')).path);
  expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
  await page.screenshot({ path: 'test-results/export-picture.png' });

  // The trace file, opened again, replays the same run to the same moment.
  await page.goto('/');
  await page.getByRole('button', { name: 'Export' }).click();
  await page
    .getByRole('dialog', { name: 'Export this run' })
    .getByLabel('Open a trace file')
    .setInputFiles(trace.path);
  await expect(page).toHaveURL(/#run=/);
  const replayed = await waitForState(page, (s) => s.now >= before.now, 20_000);
  expect(runSummary(replayed)).toEqual(runSummary(before));

  // So does the text scenario: the same writes, applied on every node.
  await page.goto('/');
  await page.getByRole('button', { name: 'Export' }).click();
  await page
    .getByRole('dialog', { name: 'Export this run' })
    .getByLabel('Open a trace file or a text scenario')
    .setInputFiles(scenarioFile.path);
  await expect(page).toHaveURL(/#run=/);
  const fromText = await waitForState(page, (s) => s.now >= before.now - 1, 20_000);
  expect(fromText.kv.map((kv) => kv.x)).toEqual(['1', '1', '1']);
});

test('Export: a file that is not a trace says why and changes nothing', async ({ page }) => {
  await page.goto('/');
  await state(page);
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export this run' });
  await dialog.getByLabel('Open a trace file').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"hello": 1}'),
  });
  await expect(dialog.getByRole('alert')).toHaveText(
    'notes.json cannot be replayed: the file is not a trace file (it has no "format": "raft-playground-trace").',
  );
  await expect(page).not.toHaveURL(/#run=/);
  // A history with nothing in it yet is named, not saved empty.
  await dialog.getByRole('button', { name: 'History (JSON)' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    'No KV history yet: send a command in the KV console first.',
  );
});
