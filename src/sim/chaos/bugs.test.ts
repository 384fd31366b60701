import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UNSAFE_SWITCH_NAMES } from '../../raft/unsafe';
import { findAndShrink, replayFile } from '../find/find-cli';
import { checkGolden } from '../scenario-text/golden';
import { parseChaosArgs } from './args';
import { runChaos } from './run-chaos';

const dir = mkdtempSync(join(tmpdir(), 'chaos-bugs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('chaos with a rule of Raft switched off', () => {
  it.each(UNSAFE_SWITCH_NAMES)(
    '%s is caught within 1,000 seeds, and the run stops there',
    (bug) => {
      const lines: string[] = [];
      const args = parseChaosArgs([
        '--bug',
        bug,
        '--seeds',
        '1000',
        '--trace',
        join(dir, `${bug}-{seed}.json`),
      ]);
      const summary = runChaos(args, { print: (line) => lines.push(line) });
      expect(summary.seedsFailed).toBe(1);
      expect(lines.some((l) => l.startsWith(`first failing seed for ${bug}: `))).toBe(true);
      expect(lines.join('\n')).toContain(`--bug ${bug}`);
    },
  );

  it('--shrink --out writes the shrunk run, and --replay replays it to the same rule', () => {
    const out = join(dir, 'run.json');
    const lines: string[] = [];
    const args = parseChaosArgs(['--bug', 'noElectionRestriction', '--shrink', '--out', out]);
    expect(findAndShrink(args, (l) => lines.push(l))).toBe(1);
    expect(lines[0]).toMatch(/^first failing seed for noElectionRestriction: \d+/);
    expect(lines.join('\n')).toMatch(/broke: Leader completeness/);
    const replayed: string[] = [];
    expect(replayFile(out, (l) => replayed.push(l))).toBe(1);
    expect(replayed.join('\n')).toContain('the same rule at the same moment as the file says');
    expect(readFileSync(out, 'utf8')).toContain('"bug": "noElectionRestriction"');
  });

  it('--out run.txt writes the shrunk run as a text scenario that replays as written', () => {
    const out = join(dir, 'run.txt');
    const lines: string[] = [];
    const args = parseChaosArgs(['--bug', 'truncateOnAnyAppend', '--shrink', '--out', out]);
    expect(findAndShrink(args, (l) => lines.push(l))).toBe(1);
    expect(lines.join('\n')).toContain(`scenario: ${out}`);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^nodes \d seed \d+ .* unsafe truncateOnAnyAppend$/m);
    expect(text).toMatch(/^run until violated Committed entries are durable within /m);
    expect(checkGolden(text, 'run.txt').problems).toEqual([]);
  });

  it('says what is wrong with a bad run file, and exits 2', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"version": 1, "bug": "noSafety"}');
    const lines: string[] = [];
    expect(replayFile(bad, (l) => lines.push(l))).toBe(2);
    expect(lines[0]).toMatch(/bad\.json: the run file names no known switch/);
  });

  it('--shrink needs a bug, and --out needs --shrink', () => {
    expect(() => parseChaosArgs(['--shrink'])).toThrow(/--shrink needs --bug NAME/);
    expect(() => parseChaosArgs(['--out', 'x.json'])).toThrow(/--out goes with --shrink/);
  });

  it('refuses a switch that does not exist', () => {
    expect(() => parseChaosArgs(['--bug', 'noSafety'])).toThrow(
      `--bug: there is no switch "noSafety"; the switches are ${UNSAFE_SWITCH_NAMES.join(', ')}`,
    );
  });
});
