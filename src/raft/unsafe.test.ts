import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimCluster } from '../sim/cluster';
import { runScenario } from '../sim/scenario-text/runner';
import { UNSAFE_SWITCH_NAMES, type UnsafeSwitch } from './unsafe';

/**
 * Each switch's text scenario (scenario-text/testdata/unsafe/NAME.txt) shows its anomaly in
 * a few steps; scenarios.test.ts holds it to its golden output. Here: the rule it names
 * breaks, and with the rule back in place the same steps break nothing.
 */
const dir = join(import.meta.dirname, '../sim/scenario-text/testdata/unsafe');
const scenarioOf = (name: UnsafeSwitch) => readFileSync(join(dir, `${name}.txt`), 'utf8');

/** The scenario with its switch off: the `unsafe` word goes, and so do its expectations. */
function withRuleInPlace(text: string, name: UnsafeSwitch): string {
  return text
    .replaceAll(` unsafe ${name}`, '')
    .replaceAll(/^expect violated linearizability$/gm, 'expect linearizable')
    .replaceAll(/^expect violated .*\n/gm, '');
}

describe('unsafe switches', () => {
  it.each(UNSAFE_SWITCH_NAMES)(
    '%s: its scenario breaks the rule it names, caught by a checker',
    (name) => {
      const text = scenarioOf(name);
      expect(text).toMatch(new RegExp(`^nodes .* unsafe ${name}$`, 'm'));
      expect(text).toMatch(/^expect violated \S/m);
      // Each `expect violated` holds when its line runs, or the run throws there.
      expect(() => runScenario(text)).not.toThrow();
    },
  );

  it.each(UNSAFE_SWITCH_NAMES)(
    '%s: with the rule in place, the same scenario breaks nothing',
    (name) => {
      const text = withRuleInPlace(scenarioOf(name), name);
      expect(text).not.toMatch(/unsafe|violated/);
      // A broken invariant, or a history that is not linearizable, throws.
      expect(() => runScenario(text)).not.toThrow();
    },
  );

  it('refuses a switch that does not exist, naming the ones that do', () => {
    expect(
      () => new SimCluster({ nodes: 3, seed: 1, unsafe: ['noSafety' as UnsafeSwitch] }),
    ).toThrow(
      `unsafe: there is no switch "noSafety"; the switches are ${UNSAFE_SWITCH_NAMES.join(', ')}`,
    );
  });
});
