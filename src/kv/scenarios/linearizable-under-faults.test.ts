/**
 * Many clients, random ops, random faults (§6.3, §8): the recorded history is
 * linearizable, and each client's APPENDs to its own key land exactly once (ok) or at
 * most once (unknown), in order, on every node. The checker is shown able to say no.
 */
import { describe, expect, it } from 'vitest';
import { checkLinearizability } from '../../check/linearizability';
import { healAll } from '../../sim/chaos/converge';
import { type FaultBounds, type FaultWeights, injectFault } from '../../sim/chaos/faults';
import { appendProblems, KvWorkload, workloadRng } from '../../sim/chaos/kv-workload';
import { createCluster, type NetworkOptions } from '../../sim/index';
import type { HistoryOp } from '../history';
import { converge, ids, ok, type Sim } from './helpers';

const SHARED_KEYS = ['x', 'y', 'z'];
const UNRELIABLE: NetworkOptions = { delayMs: [1, 20], dropRate: 0.05, duplicateRate: 0.05 };
/** Crashes (the leader's often), restarts, partitions and heals; at most 2 nodes down. */
const FAULTS: FaultWeights = {
  crash: 22,
  restart: 18,
  partition: 15,
  heal: 20,
  isolateLeader: 0,
  linkCut: 0,
  disconnect: 0,
  reconnect: 0,
  expireElection: 0,
  network: 0,
  transferLeadership: 0,
};
const BOUNDS: FaultBounds = { crashedMax: 2, dropRateMax: 0, duplicateRateMax: 0, delayMax: 5 };

/** A fault phase (random faults while clients work), then a convergence phase. */
function chaosRun(seed: number, network: NetworkOptions | undefined, clients = 6) {
  const c = createCluster({ nodes: 5, seed, ...(network ? { network } : {}) });
  const rng = workloadRng(seed);
  const faults = { disconnected: new Set<number>() };
  const w = new KvWorkload(c, rng, {
    clients,
    opsPerClient: 30,
    sharedKeys: SHARED_KEYS,
    client: { attemptTimeoutMs: 100, deadlineMs: 700 },
  });
  for (let step = 0; step < 40 && !w.done; step++) {
    injectFault(c, faults, rng, FAULTS, BOUNDS);
    w.run(rng.int(20, 99));
  }
  healAll(c, { unreliable: false });
  c.setNetwork({ dropRate: 0, duplicateRate: 0 });
  w.drain(20_000);
  converge(c, ids(c), 5000);
  // a last reader puts the final contents into the history, where they constrain the rest
  const reader = c.kvClient();
  for (const key of [...SHARED_KEYS, ...w.appendsByClient().map((a) => a.ownKey)]) {
    const value = c.kvState(0)[key];
    expect(ok(c, reader.get(key))).toEqual(
      value === undefined ? { found: false } : { found: true, value },
    );
  }
  return { c, w };
}

/** Each client's own key on every node: ok appends once, unknown at most once, in order. */
function expectAppendsExactlyOnce(c: Sim, w: KvWorkload): void {
  expect(appendProblems(c, w)).toEqual([]);
}

function outcomes(history: readonly HistoryOp[]): Record<string, number> {
  const counts: Record<string, number> = { ok: 0, fail: 0, unknown: 0 };
  for (const op of history) counts[op.outcome]! += 1;
  return counts;
}

describe('linearizability under faults (§6.3)', () => {
  it.each([
    [3401, 'reliable', undefined],
    [3402, 'reliable', undefined],
    [3403, 'lossy, duplicating', UNRELIABLE],
    [3404, 'lossy, duplicating', UNRELIABLE],
    [3405, 'lossy, duplicating', UNRELIABLE],
  ] as const)(
    'seed %i, %s network, crashes and partitions: the history is linearizable and every client append lands exactly once, in order, on every node',
    (seed, _, network) => {
      // init + act
      const { c, w } = chaosRun(seed, network);
      const history = c.kvHistory();
      // check
      const counts = outcomes(history);
      expect(history).toHaveLength(6 * 30 + SHARED_KEYS.length + 6);
      expect(counts.ok).toBeGreaterThan(history.length / 2);
      expect(checkLinearizability(history, { budgetMs: 5000 })).toEqual({ verdict: 'ok' });
      expectAppendsExactlyOnce(c, w);
      expect(c.violations()).toEqual([]);
    },
  );

  it('the faults bite: with 8 clients on a lossy network, nodes crash, replies are lost, messages are duplicated, some ops end unknown, and the history is still linearizable', () => {
    // init + act
    const { c } = chaosRun(3403, UNRELIABLE, 8);
    // check
    const history = c.kvHistory();
    expect(outcomes(history).unknown).toBeGreaterThan(0);
    const trace = c.trace();
    expect(trace.some((e) => e.kind === 'crash')).toBe(true);
    expect(trace.some((e) => e.kind === 'send' && e.duplicateOf !== undefined)).toBe(true);
    expect(trace.some((e) => e.kind === 'drop' && e.type === 'ClientReply')).toBe(true);
    expect(checkLinearizability(history, { budgetMs: 5000 })).toEqual({ verdict: 'ok' });
    expect(c.violations()).toEqual([]);
  });

  it('the checker fails such a history once one GET result is changed to a value never written', () => {
    // init
    const { c } = chaosRun(3401, undefined);
    const history = c.kvHistory();
    expect(checkLinearizability(history, { budgetMs: 5000 }).verdict).toBe('ok');
    // act
    const i = history.findIndex((op) => op.op === 'get' && op.outcome === 'ok' && op.result?.found);
    expect(i).toBeGreaterThanOrEqual(0);
    const tampered = structuredClone(history);
    tampered[i]!.result = { found: true, value: 'never written' };
    // check
    const verdict = checkLinearizability(tampered, { budgetMs: 5000 });
    expect(verdict).toMatchObject({ verdict: 'illegal', key: history[i]!.key });
    expect(c.violations()).toEqual([]);
  });

  it('the checker fails such a history once an APPEND is reported as applied twice', () => {
    // init
    const { c } = chaosRun(3402, undefined);
    const history = c.kvHistory();
    // act: an ok GET of a client's own key claims its latest token twice
    const i = history.findIndex(
      (op) =>
        op.op === 'get' &&
        op.outcome === 'ok' &&
        op.key.startsWith('own:') &&
        (op.result?.value ?? '').length > 0,
    );
    expect(i).toBeGreaterThanOrEqual(0);
    const tampered = structuredClone(history);
    const value = tampered[i]!.result!.value!;
    const last = `${value.split(';').at(-2)};`;
    tampered[i]!.result = { found: true, value: value + last };
    // check
    expect(checkLinearizability(tampered, { budgetMs: 5000 }).verdict).toBe('illegal');
    expect(c.violations()).toEqual([]);
  });
});

describe('the exactly-once check can fail', () => {
  it('a token appended twice to a client key, or a token nobody appended, is reported', () => {
    const { c, w } = chaosRun(3401, undefined, 3);
    const [first] = w.appendsByClient();
    const intruder = c.kvClient();
    ok(c, intruder.append(first!.ownKey, first!.appends[0]!.token));
    ok(c, intruder.append(first!.ownKey, 'stranger;'));
    converge(c, ids(c), 5000);
    const problems = appendProblems(c, w);
    expect(problems).toContainEqual(expect.stringMatching(/holds a token twice/));
    expect(problems).toContainEqual(expect.stringMatching(/holds a token it never appended/));
  });
});
