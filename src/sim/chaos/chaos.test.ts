import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChaosArgs, parseChaosArgs } from './args';
import { FAILURES_MAX, Failures } from './checks';
import { CHAOS_FEATURES, chaosOptions, describeOptions } from './options';
import { runChaos } from './run-chaos';
import { type ChaosHooks, runSeed } from './run-seed';
import type { TraceFile } from './trace-file';

const traceDir = mkdtempSync(join(tmpdir(), 'chaos-test-'));
afterAll(() => rmSync(traceDir, { recursive: true, force: true }));

function args(first: number, count: number, unreliable: boolean, kv = false): ChaosArgs {
  return {
    first,
    count,
    flags: { nodes: 5, unreliable, strictLiveness: false, kv },
    tracePath: join(traceDir, 'trace-{seed}.json'),
    traceAlways: false,
    verbose: false,
    shrinkTo: null,
    replay: null,
  };
}

function run(a: ChaosArgs, hooks?: ChaosHooks) {
  const lines: string[] = [];
  const summary = runChaos(a, { hooks, print: (line) => lines.push(line) });
  return { summary, output: lines.join('\n') };
}

describe('chaos', () => {
  it('forty reliable seeds keep every invariant, stay live and keep every committed command', () => {
    const { summary, output } = run(args(1, 40, false));
    expect(output).toBe('');
    expect(summary.seedsFailed).toBe(0);
    expect(summary.commits).toBeGreaterThan(0);
  });

  it('forty unreliable seeds (loss, duplication, long delays) do too', () => {
    const { summary, output } = run(args(1_000, 40, true));
    expect(output).toBe('');
    expect(summary.seedsFailed).toBe(0);
    expect(summary.commits).toBeGreaterThan(0);
  });

  it('with KV clients, every history is linearizable and every append lands exactly once', () => {
    const reliable = run(args(1, 12, false, true));
    const unreliable = run(args(2_000, 12, true, true));
    expect(reliable.output + unreliable.output).toBe('');
    expect(reliable.summary.seedsFailed + unreliable.summary.seedsFailed).toBe(0);
    expect(reliable.summary.kvCalls).toBeGreaterThan(100);
    expect(reliable.summary.kvInconclusive).toBe(0);
  });

  it('with every feature past the core on, KV histories stay linearizable and transfers happen', () => {
    const features = [...CHAOS_FEATURES];
    const withFeatures = (a: ChaosArgs): ChaosArgs => ({ ...a, flags: { ...a.flags, features } });
    const unreliable = run(withFeatures(args(3_000, 16, true, true)));
    const reliable = run(withFeatures(args(4_000, 8, false, true)));
    expect(unreliable.output + reliable.output).toBe('');
    expect(unreliable.summary.seedsFailed + reliable.summary.seedsFailed).toBe(0);
    const flags = { nodes: 5, unreliable: true, strictLiveness: false, kv: true, features };
    const modes = new Set<string>();
    let transfers = 0;
    for (let seed = 3_000; seed < 3_016; seed++) {
      const o = chaosOptions(seed, flags);
      expect(o.preVote && o.checkQuorum).toBe(true);
      modes.add(o.readMode);
      transfers += o.faultWeights.transferLeadership;
    }
    expect([...modes].sort()).toEqual(['lease', 'readIndex']);
    expect(transfers).toBeGreaterThan(0);
  });

  it('--features takes all or a list, and names the features when it cannot', () => {
    expect(parseChaosArgs(['--features', 'all']).flags.features).toEqual([...CHAOS_FEATURES]);
    expect(parseChaosArgs(['--features', 'preVote,lease']).flags.features).toEqual([
      'preVote',
      'lease',
    ]);
    expect(() => parseChaosArgs(['--features', 'fastReads'])).toThrow(
      /no feature "fastReads"; use all, or some of preVote, checkQuorum, transfer/,
    );
    // A lease run always has CheckQuorum, which leases need.
    const o = chaosOptions(9, {
      nodes: 5,
      unreliable: false,
      strictLiveness: false,
      kv: true,
      features: ['lease'],
    });
    expect([o.readMode, o.checkQuorum]).toEqual(['lease', true]);
  });

  it('a seed without --features runs as before the features existed', () => {
    const plain = chaosOptions(42, { nodes: 5, unreliable: true, strictLiveness: false, kv: true });
    expect(plain.faultWeights.transferLeadership).toBe(0);
    expect([plain.preVote, plain.checkQuorum, plain.readMode]).toEqual([false, false, 'log']);
    const featured = chaosOptions(42, {
      nodes: 5,
      unreliable: true,
      strictLiveness: false,
      kv: true,
      features: ['preVote'],
    });
    const { preVote: _a, features: _b, ...rest } = featured;
    const { preVote: _c, ...plainRest } = plain;
    expect(rest).toEqual(plainRest);
  });

  it('one seed gives the same options and the same run every time', () => {
    const o = chaosOptions(42, { nodes: 5, unreliable: true, strictLiveness: false, kv: false });
    expect(
      chaosOptions(42, { nodes: 5, unreliable: true, strictLiveness: false, kv: false }),
    ).toEqual(o);
    expect(describeOptions(o)).toContain('seed=42 nodes=5 unreliable=true');
    const a = runSeed(o).result;
    const b = runSeed(o).result;
    expect({ ...b, wallMs: 0 }).toEqual({ ...a, wallMs: 0 });
  });
});

describe('the chaos runner reports real failures with their seed', () => {
  it('a node whose disk forgets its term and vote breaks durability: seed, trace file, command', () => {
    const amnesia: ChaosHooks = {
      afterFaultPhase(cluster) {
        cluster.crash(0);
        const storage = cluster.hostOf(0).storage;
        storage.persist({ hardState: { term: 0, votedFor: null }, truncateFrom: null, append: [] });
      },
    };
    const { summary, output } = run(args(7, 1, false), amnesia);
    expect(summary.failedSeeds).toEqual([7]);
    expect(output).toContain('FAILED seed=7 nodes=5');
    expect(output).toMatch(/Term and vote durability: S1 restarted with term 0/);
    const path = join(traceDir, 'trace-7.json');
    expect(output).toContain(`reproduce: npm run chaos -- --seed 7 --nodes 5 --trace ${path}`);
    expect(existsSync(path)).toBe(true);
    const trace = JSON.parse(readFileSync(path, 'utf8')) as TraceFile;
    expect(trace.seed).toBe(7);
    expect(trace.violations.join('\n')).toContain('Term and vote durability');
    expect(trace.events.some((e) => e.kind === 'restart' && e.node === 0)).toBe(true);
  });

  it('a committed command found elsewhere than where it was committed is reported', () => {
    const o = chaosOptions(3, { nodes: 5, unreliable: false, strictLiveness: false, kv: false });
    const { result } = runSeed(o, {
      hooks: {
        // Tamper with the record: claim the first committed command went one index later.
        beforeChecks(_nodes, workload) {
          const c = workload.committed[0]!;
          workload.committed[0] = { ...c, index: c.index + 1 };
        },
      },
    });
    expect(result.ok).toBe(false);
    expect(result.violations).toEqual([]);
    expect(result.failures.join('\n')).toMatch(/Committed commands: command \d+, seen committed/);
  });

  it('a cluster that never heals fails liveness', () => {
    const o = chaosOptions(5, { nodes: 5, unreliable: false, strictLiveness: false, kv: false });
    const { result } = runSeed(o, {
      hooks: {
        afterHeal(cluster) {
          for (let id = 0; id < cluster.size; id++) cluster.disconnect(id);
        },
      },
    });
    expect(result.ok).toBe(false);
    expect(result.failures.join('\n')).toMatch(/^Liveness: no (leader|final command)/m);
  });
});

describe('chaos bounds', () => {
  it('a run that passes its event budget fails instead of running on', () => {
    const o = chaosOptions(1, { nodes: 5, unreliable: false, strictLiveness: false, kv: false });
    const { result } = runSeed({ ...o, eventsMax: 500 });
    expect(result.ok).toBe(false);
    expect(result.failures).toEqual([
      'Liveness: the run passed 500 events in the fault phase (a livelock?)',
    ]);
    expect(result.events).toBeLessThan(600);
  });

  it('a check reports at most FAILURES_MAX sentences and counts the rest', () => {
    const failures = new Failures();
    for (let i = 0; i < FAILURES_MAX + 3; i++) failures.add(`failure ${i}`);
    const list = failures.list();
    expect(list).toHaveLength(FAILURES_MAX + 1);
    expect(list.at(-1)).toBe('... and 3 more failures');
  });
});

describe('chaos command line', () => {
  it('runs a range of seeds, or one seed with its trace', () => {
    const many = parseChaosArgs(['--seeds', '1000', '--first', '5', '--unreliable']);
    expect(many).toMatchObject({ first: 5, count: 1000, traceAlways: false });
    expect(many.flags).toEqual({ nodes: 5, unreliable: true, strictLiveness: false, kv: false });
    expect(many.tracePath).toBe('chaos-trace-{seed}.json');
    const one = parseChaosArgs(['--seed', '42', '--trace', 'out.json', '--nodes', '3']);
    expect(one).toMatchObject({ first: 42, count: 1, tracePath: 'out.json', traceAlways: true });
    expect(parseChaosArgs(['--trace', 'out.json']).tracePath).toBe('out-{seed}.json');
  });

  it('rejects what it does not understand, saying why', () => {
    expect(() => parseChaosArgs(['--seeds', 'ten'])).toThrow(/--seeds must be an integer/);
    expect(() => parseChaosArgs(['--nodes', '0'])).toThrow(/--nodes must be an integer from 1/);
    expect(() => parseChaosArgs(['--seed', '1', '--seeds', '2'])).toThrow(/--seed runs one seed/);
    expect(() => parseChaosArgs(['--bogus'])).toThrow();
  });
});
