/**
 * Every scenario file under testdata/ (and its folders) runs here; its output must match the golden output
 * written in it. After a deliberate change: `npm run scenarios:update` (UPDATE_GOLDEN=1).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from './commands';
import { checkGoldenFile } from './golden';

const dir = join(import.meta.dirname, 'testdata');
// unsafe/: one scenario per unsafe switch (raft/unsafe.test.ts runs them with it off, too).
const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.txt'))
  .sort();
const update = process.env.UPDATE_GOLDEN === '1';

describe('text scenarios (testdata/*.txt, golden output)', () => {
  it('there are scenario files', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  it.each(files)('%s', (f) => {
    const problems = checkGoldenFile(join(dir, f), `src/sim/scenario-text/testdata/${f}`, update);
    if (problems.length > 0)
      throw new Error(
        `${problems.join('\n\n')}\n\n(after a deliberate change: npm run scenarios:update)`,
      );
  });

  it('the README of the format describes every command of the table', () => {
    const doc = readFileSync(join(import.meta.dirname, 'README.md'), 'utf8');
    const missing = Object.keys(COMMANDS).filter((w) => !new RegExp(`[|·/] \`${w}\\b`).test(doc));
    expect(missing).toEqual([]);
  });
});
