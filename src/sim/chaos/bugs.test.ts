import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UNSAFE_SWITCH_NAMES } from '../../raft/unsafe';
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

  it('refuses a switch that does not exist', () => {
    expect(() => parseChaosArgs(['--bug', 'noSafety'])).toThrow(
      /--bug: there is no switch "noSafety"; the switches are noElectionRestriction, voteNotPersisted, truncateOnAnyAppend, noClientSessions/,
    );
  });
});
