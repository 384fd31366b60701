import { describe, expect, it } from 'vitest';
import { SimCluster } from '../../sim/cluster';
import type { TraceEvent } from '../../trace/events';
import { ARROWS_MAX, SpaceTime } from './model';

function run(ms: number): { trace: TraceEvent[]; c: SimCluster } {
  const c = new SimCluster({ nodes: 5, seed: 3 });
  const trace: TraceEvent[] = [];
  c.onEvent((e) => trace.push(e));
  c.run(ms / 2);
  const leader = c.leader();
  if (leader !== null) c.crash(leader);
  c.run(ms / 2);
  if (leader !== null) c.restart(leader);
  c.run(100);
  return { trace, c };
}

describe('the space-time diagram', () => {
  it('draws each message from its send to its delivery, between node lanes only', () => {
    const { trace } = run(2000);
    const st = new SpaceTime(5);
    st.add(trace);
    const sends = trace.filter((e) => e.kind === 'send' && typeof e.to === 'number');
    expect(st.arrows).toHaveLength(sends.length);
    const delivered = trace.find((e) => e.kind === 'deliver')!;
    const arrow = st.arrow((delivered as { id: number }).id)!;
    expect(arrow.endAt).toBe(delivered.t);
    expect(arrow.lost).toBe(false);
  });

  it('a window holds exactly the arrows, bands and marks that cross it, over 10,000 events', () => {
    const { trace } = run(40_000);
    expect(trace.length).toBeGreaterThan(10_000);
    const st = new SpaceTime(5);
    // Fed in pieces, as frames arrive.
    for (let i = 0; i < trace.length; i += 997) st.add(trace.slice(i, i + 997));
    for (const [from, to] of [
      [0, 300],
      [7_000, 7_500],
      [14_900, 15_200],
      [29_000, 31_000],
    ] as const) {
      const w = st.window(from, to);
      const crosses = (a: number, b: number) => a <= to && b >= from;
      expect(w.arrows.map((a) => a.id)).toEqual(
        st.arrows.filter((a) => crosses(a.sentAt, a.endAt ?? st.now)).map((a) => a.id),
      );
      expect(w.marks).toEqual(st.marks.filter((m) => m.t >= from && m.t <= to));
      expect(w.bands).toEqual(st.bands.filter((b) => crosses(b.from, b.to ?? st.now)));
    }
  });

  it('marks the leader’s crash and restart, its term bands, and each node’s commits once', () => {
    const { trace } = run(2000);
    const st = new SpaceTime(5);
    st.add(trace);
    expect(st.marks.filter((m) => m.kind === 'crash')).toHaveLength(1);
    expect(st.marks.filter((m) => m.kind === 'restart')).toHaveLength(1);
    const crashed = st.marks.find((m) => m.kind === 'crash')!.node;
    const roles = st.bands.filter((b) => b.node === crashed).map((b) => b.role);
    expect(roles).toContain('leader');
    expect(roles).toContain('crashed');
    for (let n = 0; n < 5; n++) {
      const commits = st.marks
        .filter((m) => m.kind === 'commit' && m.node === n)
        .map((m) => m.index!);
      expect([...commits].sort((a, b) => a - b)).toEqual(commits);
      expect(new Set(commits).size).toBe(commits.length);
    }
  });

  it('keeps at most its bound of arrows, letting the oldest go', () => {
    const st = new SpaceTime(2);
    const sends: TraceEvent[] = Array.from({ length: ARROWS_MAX + 10 }, (_, i) => ({
      t: i,
      kind: 'send',
      id: i,
      from: 0,
      to: 1,
      type: 'AppendEntries',
      term: 1,
      deliverAt: i + 1,
      message: { entries: [] },
    }));
    st.add(sends);
    expect(st.arrows).toHaveLength(ARROWS_MAX);
    expect(st.arrows[0]!.id).toBe(10);
    expect(st.arrow(0)).toBeUndefined();
  });
});
