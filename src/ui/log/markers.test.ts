import { describe, expect, it } from 'vitest';
import {
  commitment,
  describeEntry,
  isApplied,
  isConflict,
  referenceLeader,
  summarize,
  summaryEqual,
} from './markers';
import { clusterView, entries, node, progress, status } from './test-fixtures';

const leaderStatus = status({
  role: 'leader',
  term: 3,
  commitIndex: 4,
  lastApplied: 3,
  progress: [progress(1, 5, 4), progress(2, 3, 0, 'probe')],
});

function threeNodes() {
  return clusterView(
    [
      node(0, leaderStatus, 5),
      node(1, status({ role: 'follower', term: 3, commitIndex: 4, lastApplied: 4 }), 4),
      node(2, null, 4),
    ],
    [entries([1, 1, 3, 3, 3]), entries([1, 1, 3, 3]), entries([1, 1, 2, 2])],
    { leader: 0 },
  );
}

describe('the leader the rows are compared with', () => {
  it("is the cluster's leader when it is alive and leading", () => {
    expect(referenceLeader(threeNodes().nodes, 0)).toBe(0);
  });

  it('is the highest-term leader when the hint is stale', () => {
    const nodes = [
      node(0, status({ role: 'leader', term: 2 })),
      node(1, status({ role: 'leader', term: 4 })),
      node(2, status({ role: 'follower', term: 4 })),
    ];
    expect(referenceLeader(nodes, 2)).toBe(1);
    expect(referenceLeader(nodes, null)).toBe(1);
  });

  it('is nobody when no node leads (a crashed leader does not count)', () => {
    expect(referenceLeader([node(0, null), node(1, status({ role: 'candidate' }))], 0)).toBeNull();
  });
});

describe('row summaries', () => {
  it("carry each node's commit and applied indices, and the leader's next/match for followers", () => {
    const s = summarize(threeNodes())!;
    expect(s.leader).toBe(0);
    expect(s.columns).toBe(5);
    expect(s.rows[0]).toMatchObject({ isLeader: true, progress: null, commitIndex: 4 });
    expect(s.rows[1]!.progress).toEqual({ nextIndex: 5, matchIndex: 4, state: 'replicate' });
    expect(s.rows[2]).toMatchObject({
      alive: false,
      role: null,
      commitIndex: null,
      lastApplied: null,
      progress: { nextIndex: 3, matchIndex: 0, state: 'probe' },
    });
  });

  it('are equal across frames when nothing drawn changed (the election deadline moved)', () => {
    const a = threeNodes();
    const b = {
      ...a,
      now: 99,
      nodes: a.nodes.map((n) =>
        n.status === null ? n : { ...n, status: { ...n.status, nextDeadline: 500 } },
      ),
    };
    expect(summaryEqual(summarize(a), summarize(b))).toBe(true);
  });

  it('differ when a commit index or the log version changes', () => {
    const a = threeNodes();
    const moved = {
      ...a,
      nodes: a.nodes.map((n, i) =>
        i === 1 ? { ...n, status: { ...n.status!, commitIndex: 3 } } : n,
      ),
    };
    expect(summaryEqual(summarize(a), summarize(moved))).toBe(false);
    expect(summaryEqual(summarize(a), summarize({ ...a, logVersion: 2 }))).toBe(false);
  });
});

describe('entry marks', () => {
  const s = summarize(threeNodes())!;
  const leaderLog = s.logs[0]!;

  it('entries up to commitIndex are committed, later ones are not; a crashed node does not know', () => {
    expect(commitment(4, s.rows[0]!)).toBe('committed');
    expect(commitment(5, s.rows[0]!)).toBe('uncommitted');
    expect(commitment(1, s.rows[2]!)).toBe('unknown');
  });

  it('entries up to lastApplied are applied', () => {
    expect(isApplied(3, s.rows[0]!)).toBe(true);
    expect(isApplied(4, s.rows[0]!)).toBe(false);
    expect(isApplied(1, s.rows[2]!)).toBe(false);
  });

  it("an entry with another term than the leader's at the same index conflicts (§5.3)", () => {
    const crashedLog = s.logs[2]!;
    expect(isConflict(crashedLog[1]!, leaderLog)).toBe(false); // index 2: both term 1
    expect(isConflict(crashedLog[2]!, leaderLog)).toBe(true); // index 3: term 2 vs 3
  });

  it('without a leader entry (or a leader) there is nothing to conflict with', () => {
    expect(isConflict({ index: 9, term: 1, command: null }, leaderLog)).toBe(false);
    expect(isConflict({ index: 1, term: 7, command: null }, null)).toBe(false);
  });

  it('describes an entry in words for its accessible name', () => {
    const e = { index: 3, term: 2, command: null };
    expect(describeEntry(e, 'no-op', s.rows[2]!, true)).toBe(
      "Entry 3, term 2, no-op, on disk (node crashed), conflicts with the leader's entry",
    );
    expect(describeEntry(leaderLog[2]!, 'SET x 1', s.rows[0]!, false)).toBe(
      'Entry 3, term 3, SET x 1, committed, applied',
    );
  });
});
