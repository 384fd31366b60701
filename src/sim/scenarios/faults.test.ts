/** Faults: lost bursts, blips, an unreliable network, and churn (§5.3, §5.4, §5.5). */
import { describe, expect, it } from 'vitest';
import { createCluster, type NodeId } from '../index';
import { commands, ids, logsConverged, one, testRng } from './helpers';

describe('lost messages (§5.3)', () => {
  it('agreement holds on a lossy, duplicating, reordering network (§5.3)', () => {
    // init
    const c = createCluster({
      nodes: 5,
      seed: 504,
      network: { delayMs: [1, 30], dropRate: 0.1, duplicateRate: 0.1 },
    });
    // act
    const submitted: number[] = [];
    for (let i = 0; i < 40; i++) {
      expect(one(c, i)).toBe(true);
      submitted.push(i);
    }
    // check: each command applied exactly once, in the same order everywhere
    for (const id of ids(c)) expect(commands(c, id)).toEqual(submitted);
    expect(c.trace().some((e) => e.kind === 'send' && e.duplicateOf !== undefined)).toBe(true);
    expect(c.violations()).toEqual([]);
  });
});

interface Acked {
  readonly node: NodeId;
  readonly index: number;
  readonly term: number;
  readonly command: string;
}

/**
 * Random crashes, restarts, partitions and heals while clients submit. A client learns its
 * command committed when the node that accepted it applies an entry at the returned index
 * and term (in the same incarnation: a crash loses the client's call).
 */
function churn(seed: number, steps: number) {
  const c = createCluster({ nodes: 5, seed });
  const rng = testRng(seed);
  let pending: Acked[] = [];
  const acked: Acked[] = [];
  const alive = () => ids(c).filter((id) => c.node(id).alive);
  const crashed = () => ids(c).filter((id) => !c.node(id).alive);
  for (let step = 0; step < steps; step++) {
    const r = rng.next();
    if (r < 0.4) {
      const target = c.leader() !== null && rng.next() < 0.8 ? c.leader()! : rng.int(c.size);
      const command = `s${step}`;
      const res = c.submit(target, command);
      if (res.accepted) pending.push({ node: target, index: res.index!, term: res.term!, command });
    } else if (r < 0.5 && alive().length > 0) {
      const victim = alive()[rng.int(alive().length)]!;
      c.crash(victim);
      pending = pending.filter((p) => p.node !== victim);
    } else if (r < 0.65 && crashed().length > 0) {
      c.restart(crashed()[rng.int(crashed().length)]!);
    } else if (r < 0.75) {
      const order = ids(c);
      for (let i = order.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const cut = 1 + rng.int(c.size - 1);
      c.partition(order.slice(0, cut), order.slice(cut));
    } else if (r < 0.85) {
      c.heal();
    }
    c.run(rng.int(80));
    pending = pending.filter((p) => {
      const e = c.applied(p.node).find((x) => x.index === p.index);
      if (e === undefined) return true;
      if (e.term === p.term) {
        expect(e.command).toBe(p.command);
        acked.push(p);
      }
      return false;
    });
  }
  c.heal();
  for (const id of crashed()) c.restart(id);
  expect(one(c, 'final')).toBe(true);
  expect(c.runUntil(() => logsConverged(c), 5000)).toBe(true);
  return { c, acked };
}

describe('churn (§5.4.3 state machine safety)', () => {
  it.each([601, 602, 603])(
    'every command a client saw committed stays at its index in every log, through random crashes and partitions, seed %i (§5.4.3)',
    (seed) => {
      // init + act
      const { c, acked } = churn(seed, 500);
      // check
      expect(acked.length).toBeGreaterThan(20);
      for (const a of acked) {
        for (const id of ids(c)) {
          expect(c.node(id).log[a.index - 1]).toEqual({
            index: a.index,
            term: a.term,
            command: a.command,
          });
        }
      }
      const applied = commands(c, 0);
      for (const a of acked) expect(applied).toContain(a.command);
      expect(c.violations()).toEqual([]);
    },
  );
});
