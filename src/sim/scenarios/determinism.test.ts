/** Determinism: same seed and same interventions, same trace (DESIGN "One trace"). */
import { describe, expect, it } from 'vitest';
import { type Cluster, createCluster, type NetworkOptions } from '../index';
import { electLeader, ids } from './helpers';

/** A scripted run touching every kind of intervention. */
function script(seed: number, network?: NetworkOptions): Cluster {
  const c: Cluster = createCluster({
    nodes: 5,
    seed,
    ...(network === undefined ? {} : { network }),
  });
  const leader = electLeader(c, 3000);
  for (let i = 0; i < 5; i++) c.submit(leader, { op: 'set', key: `k${i}`, value: i });
  c.run(30);
  const f = (leader + 1) % c.size;
  c.crash(f);
  c.partition([leader, (leader + 2) % c.size], [(leader + 3) % c.size, (leader + 4) % c.size, f]);
  c.submit(leader, 'minority');
  c.run(400);
  c.hold((m) => m.type === 'AppendEntries');
  c.run(60);
  for (const m of c
    .inFlight()
    .filter((x) => x.held)
    .slice(0, 2))
    c.dropMessage(m.id);
  c.release();
  c.heal();
  c.restart(f);
  c.setLink(0, 1, false);
  c.expireElectionTimer(2);
  c.run(300);
  c.setLink(0, 1, true);
  c.setNetwork({ dropRate: 0.2, duplicateRate: 0.2, delayMs: [1, 20] });
  c.run(500);
  c.setNetwork({ dropRate: 0, duplicateRate: 0, delayMs: [1, 5] });
  c.run(500);
  for (const id of ids(c)) c.submit(id, `to-${id}`);
  c.run(500);
  return c;
}

const json = (c: Cluster) => JSON.stringify(c.trace());

describe('determinism (DESIGN: one seed, one trace)', () => {
  it('the same options and the same interventions give an identical trace', () => {
    // init + act
    const a = script(701);
    const b = script(701);
    // check
    expect(a.trace().length).toBeGreaterThan(1000);
    expect(json(b)).toBe(json(a));
    expect(a.violations()).toEqual([]);
    expect(b.violations()).toEqual([]);
  });

  it('the same holds on an unreliable network: its randomness comes from the seed too', () => {
    const network: NetworkOptions = { delayMs: [1, 40], dropRate: 0.15, duplicateRate: 0.1 };
    const a = script(702, network);
    const b = script(702, network);
    expect(a.trace().some((e) => e.kind === 'drop' && e.reason === 'loss')).toBe(true);
    expect(json(b)).toBe(json(a));
    expect(a.violations()).toEqual([]);
  });

  it('a different seed gives a different trace', () => {
    const a = script(703);
    const b = script(704);
    expect(json(b)).not.toBe(json(a));
    expect(a.violations()).toEqual([]);
    expect(b.violations()).toEqual([]);
  });

  it('a run does not depend on other clusters run before or after it (no shared global state)', () => {
    // init
    const alone = json(script(705));
    // act: another cluster runs before and after a copy of the same run
    const other = createCluster({ nodes: 3, seed: 1 });
    other.run(1000);
    const again = script(705);
    other.run(1000);
    // check
    expect(json(again)).toBe(alone);
    expect(again.violations()).toEqual([]);
    expect(other.violations()).toEqual([]);
  });
});
