import { describe, expect, it } from 'vitest';
import { UNSAFE_SWITCH_NAMES } from '../../raft/unsafe';
import { checkGolden } from '../scenario-text/golden';
import { replayVerdict } from './failing-run';
import { findFailure } from './find';
import { formatRunFile, parseRunFile } from './run-file';
import { scenarioOfRun } from './run-scenario';
import { onNodes, shrinkRun } from './shrink';

describe('the failure finder', () => {
  for (const bug of UNSAFE_SWITCH_NAMES) {
    it(`finds and shrinks a run that ${bug} breaks, which replays to the same rule`, () => {
      const found = findFailure(bug, { seeds: 1000 });
      expect(found, `no failing run for ${bug} in 1000 seeds`).not.toBeNull();
      const { run, tests } = shrinkRun(found!);
      expect(tests).toBeGreaterThan(0);
      expect(run.interventions.length).toBeLessThan(found!.interventions.length);
      expect(run.until).toBeLessThanOrEqual(found!.until);
      expect(run.options.nodes).toBeLessThanOrEqual(found!.options.nodes);
      // The run file is the run: what is written reads back and replays the same.
      const read = parseRunFile(formatRunFile(run));
      expect(read).toEqual(run);
      expect(replayVerdict(run)).toEqual(run.violation);
      // And the rule is what breaks: with the switch off, the same run breaks nothing.
      expect(replayVerdict(run, { switchOn: false })).toBeNull();
      // Saved as a text scenario, it replays to its own golden output and the same rule.
      const scenario = scenarioOfRun(run);
      expect(checkGolden(scenario, `${bug}.txt`).problems).toEqual([]);
      expect(scenario).toMatch(/^(run until violated|expect violated) /m);
    });
  }

  it('shrinks the same run to the same run (the budget counts replays, not time)', () => {
    const found = findFailure('noElectionRestriction', { seeds: 100 })!;
    expect(shrinkRun(found)).toEqual(shrinkRun(found));
  });

  it('stops when asked, with the smallest failing run so far', () => {
    const found = findFailure('voteNotPersisted', { seeds: 100 })!;
    let asked = 0;
    const r = shrinkRun(found, { shouldStop: () => ++asked > 5 });
    expect(r.complete).toBe(false);
    expect(r.tests).toBe(5);
    expect(replayVerdict(r.run)).toEqual(r.run.violation);
  });

  it('moves interventions onto fewer nodes, leaving out what names a node past the last', () => {
    expect(onNodes({ type: 'crash', node: 3 }, 3)).toBeNull();
    expect(
      onNodes(
        {
          type: 'partition',
          groups: [
            [0, 3],
            [1, 2],
          ],
        },
        3,
      ),
    ).toEqual({
      type: 'partition',
      groups: [[0], [1, 2]],
    });
    expect(onNodes({ type: 'partition', groups: [[3], [0, 1, 2]] }, 3)).toBeNull();
    expect(onNodes({ type: 'addClient', pinnedTo: 4 }, 3)).toEqual({ type: 'addClient' });
    expect(onNodes({ type: 'heal' }, 3)).toEqual({ type: 'heal' });
  });
});

/** A run file as JSON, to spoil one field at a time. */
interface RunJson {
  bug: unknown;
  options: Record<string, unknown>;
  interventions: { at: number; action: unknown }[];
  until: number;
  violation?: unknown;
}

describe('run files', () => {
  let text: string | null = null;
  const good = (): RunJson => {
    text ??= formatRunFile(findFailure('noElectionRestriction', { seeds: 10 })!);
    return JSON.parse(text) as RunJson;
  };

  it.each([
    ['not JSON', '{', /not JSON/],
    ['another version', JSON.stringify({ version: 9 }), /version 9/],
  ])('refuses a file that is %s', (_, text, message) => {
    expect(parseRunFile(text)).toMatch(message);
  });

  it.each([
    ['an unknown switch', (r: RunJson) => (r.bug = 'noSafety'), /no known switch/],
    ['a node count out of range', (r: RunJson) => (r.options.nodes = 99), /nodes must be/],
    ['a bad timeout', (r: RunJson) => (r.options.electionTimeoutMs = [5, 1]), /electionTimeoutMs/],
    [
      'a fractional batch size',
      (r: RunJson) => (r.options.entriesPerAppendMax = 1.5),
      /entriesPerAppendMax/,
    ],
    [
      'interventions out of order',
      (r: RunJson) => r.interventions.unshift({ at: 1e9, action: { type: 'heal' } }),
      /before the one above/,
    ],
    [
      'a crash of a node that is not there',
      (r: RunJson) => r.interventions.push({ at: 1e9, action: { type: 'crash', node: 7 } }),
      /no node 7/,
    ],
    [
      'an unknown action',
      (r: RunJson) => r.interventions.push({ at: 1e9, action: { type: 'explode' } }),
      /unknown intervention/,
    ],
    [
      'a bad network delay',
      (r: RunJson) =>
        r.interventions.push({
          at: 1e9,
          action: { type: 'setNetwork', network: { delayMs: [5, 1] } },
        }),
      /intervention/,
    ],
    ['no verdict', (r: RunJson) => delete r.violation, /which rule/],
  ])('refuses a file with %s, saying why', (_, change, message) => {
    const r = good();
    change(r);
    if (r.until < 1e9 && r.interventions.at(-1)?.at === 1e9) r.until = 1e9;
    expect(parseRunFile(JSON.stringify(r))).toMatch(message);
  });
});
