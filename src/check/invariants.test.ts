/** Every invariant must be able to fail: each test feeds the checker a broken trace. */
import { describe, expect, it } from 'vitest';
import type { Entry } from '../raft/types';
import type { TraceEvent } from '../trace/events';
import { InvariantChecker, VIOLATIONS_MAX } from './invariants';

const e = (index: number, term: number, command: unknown = `c${index}`): Entry => ({
  index,
  term,
  command,
});

const boot = (node: number): TraceEvent => ({
  t: 0,
  kind: 'restart',
  node,
  incarnation: 1,
  term: 0,
  votedFor: null,
  logLength: 0,
});
const role = (node: number, r: 'leader' | 'follower' | 'candidate', term: number): TraceEvent => ({
  t: 1,
  kind: 'role',
  node,
  role: r,
  term,
});
const persist = (
  node: number,
  append: Entry[],
  opts: { term?: number; votedFor?: number | null; truncateFrom?: number } = {},
): TraceEvent => ({
  t: 2,
  kind: 'persist',
  node,
  hardState: opts.term === undefined ? null : { term: opts.term, votedFor: opts.votedFor ?? null },
  truncateFrom: opts.truncateFrom ?? null,
  append,
});
const commit = (node: number, commitIndex: number): TraceEvent => ({
  t: 3,
  kind: 'commit',
  node,
  commitIndex,
});
const apply = (node: number, entries: Entry[]): TraceEvent => ({
  t: 4,
  kind: 'apply',
  node,
  entries,
});

function check(events: TraceEvent[], members?: number): string[] {
  const checker = new InvariantChecker(members);
  for (const ev of [boot(0), boot(1), boot(2), ...events]) checker.observe(ev);
  return checker.violations;
}

describe('invariant checker', () => {
  it('accepts a correct run', () => {
    expect(
      check([
        role(0, 'candidate', 1),
        persist(0, [], { term: 1, votedFor: 0 }),
        { t: 1, kind: 'vote', node: 1, term: 1, candidate: 0, granted: true },
        role(0, 'leader', 1),
        persist(0, [e(1, 1)]),
        persist(1, [e(1, 1)], { term: 1, votedFor: 0 }),
        commit(0, 1),
        apply(0, [e(1, 1)]),
        commit(1, 1),
        apply(1, [e(1, 1)]),
      ]),
    ).toEqual([]);
  });

  it('election by majority: a leader needs votes of its own term from a majority', () => {
    const vote = (node: number, term: number): TraceEvent => ({
      t: 1,
      kind: 'vote',
      node,
      term,
      candidate: 0,
      granted: true,
    });
    // The vote of term 1 does not count for term 2.
    expect(check([vote(1, 1), role(0, 'candidate', 2), role(0, 'leader', 2)], 3)).toEqual([
      'Election by majority: S1 became leader in term 2 with votes from S1 alone in that term; 3 servers need 2 (event #6, t=1 ms)',
    ]);
    expect(check([vote(1, 2), role(0, 'candidate', 2), role(0, 'leader', 2)], 3)).toEqual([]);
    // Without the cluster's size the rule cannot be checked, and is not.
    expect(check([role(0, 'leader', 2)])).toEqual([]);
  });

  it('election safety: two leaders in one term', () => {
    const v = check([role(0, 'leader', 2), role(1, 'leader', 2)]);
    expect(v).toEqual([
      expect.stringMatching(/^Election safety: S2 became leader in term 2, but S1/),
    ]);
  });

  it('vote safety: one node voting for two candidates in one term', () => {
    const v = check([
      { t: 1, kind: 'vote', node: 2, term: 3, candidate: 0, granted: true },
      { t: 1, kind: 'vote', node: 2, term: 3, candidate: 1, granted: true },
    ]);
    expect(v).toEqual([
      expect.stringMatching(/^Vote safety: S3 voted for S1 and for S2 in term 3/),
    ]);
  });

  it('log matching: the same index and term with different commands', () => {
    const v = check([persist(0, [e(1, 1, 'x')]), persist(1, [e(1, 1, 'y')])]);
    expect(v).toEqual([
      expect.stringMatching(/^Log matching: S2 stored entry 1 of term 1 with a different command/),
    ]);
  });

  it('log matching: the same index and term after different histories', () => {
    const v = check([persist(0, [e(1, 1), e(2, 3)]), persist(1, [e(1, 2), e(2, 3)])]);
    expect(v).toEqual([
      expect.stringMatching(/^Log matching: S2 stored entry 2 of term 3 after an entry of term 2/),
    ]);
  });

  it('leader append-only: a leader deleting entries', () => {
    const v = check([
      role(0, 'leader', 1),
      persist(0, [e(1, 1), e(2, 1)]),
      persist(0, [], { truncateFrom: 2 }),
    ]);
    expect(v).toEqual([
      expect.stringMatching(
        /^Leader append-only: leader S1 of term 1 deleted entries from index 2/,
      ),
    ]);
  });

  it('committed entries are durable: a follower deleting a committed entry', () => {
    const v = check([
      persist(1, [e(1, 1), e(2, 1)]),
      commit(1, 2),
      persist(1, [e(2, 2)], { truncateFrom: 2 }),
    ]);
    expect(v).toContainEqual(
      expect.stringMatching(/^Committed entries are durable: S2 deleted committed entry 2/),
    );
  });

  it('state machine safety: two nodes applying different commands at one index', () => {
    const v = check([
      persist(0, [e(1, 1, 'x')]),
      commit(0, 1),
      apply(0, [e(1, 1, 'x')]),
      persist(1, [e(1, 2, 'y')]),
      commit(1, 1),
      apply(1, [e(1, 2, 'y')]),
    ]);
    expect(v).toContainEqual(
      expect.stringMatching(/^State machine safety: S2 committed entry 1 of term 2/),
    );
    expect(v).toContainEqual(
      expect.stringMatching(/^State machine safety: S2 applied term 2 command "y" at index 1/),
    );
  });

  it('apply order: a node skipping an index', () => {
    const v = check([persist(0, [e(1, 1), e(2, 1)]), commit(0, 2), apply(0, [e(2, 1)])]);
    expect(v).toEqual([expect.stringMatching(/^Apply order: S1 applied entry 2 after entry 0/)]);
  });

  it('apply only committed: a node applying past its commit index', () => {
    const v = check([persist(0, [e(1, 1)]), apply(0, [e(1, 1)])]);
    expect(v).toEqual([
      expect.stringMatching(/^Apply only committed: S1 applied entry 1 beyond its commit index 0/),
    ]);
  });

  it('leader completeness: a new leader lacking an entry committed in an earlier term', () => {
    const v = check([
      role(0, 'leader', 1),
      persist(0, [e(1, 1)]),
      commit(0, 1),
      role(2, 'leader', 2),
    ]);
    expect(v).toEqual([
      expect.stringMatching(/^Leader completeness: S3 became leader in term 2 without entry 1/),
    ]);
  });

  it('leader completeness: a commit that a live leader of a later term lacks', () => {
    const v = check([
      role(2, 'leader', 5),
      role(0, 'leader', 1),
      persist(0, [e(1, 1)]),
      commit(0, 1),
    ]);
    expect(v).toEqual([
      expect.stringMatching(
        /^Leader completeness: entry 1 \(term 1\) was committed in term 1, but leader S3 of term 5 lacks it/,
      ),
    ]);
  });

  it('commit monotonicity and commit within the log', () => {
    const v = check([persist(0, [e(1, 1), e(2, 1)]), commit(0, 2), commit(0, 1), commit(1, 1)]);
    expect(v).toEqual([
      expect.stringMatching(/^Commit monotonicity: S1 moved its commit index back from 2 to 1/),
      expect.stringMatching(/^Commit within log: S2 committed index 1 but holds 0 entries/),
    ]);
  });

  it('term monotonicity and persisted vote changes', () => {
    const v = check([
      persist(0, [], { term: 5, votedFor: 1 }),
      persist(0, [], { term: 5, votedFor: 2 }),
      persist(0, [], { term: 4, votedFor: null }),
    ]);
    expect(v).toEqual([
      expect.stringMatching(/^Vote safety: S1 changed its persisted vote in term 5 from S2 to S3/),
      expect.stringMatching(/^Term monotonicity: S1 persisted term 4 after term 5/),
    ]);
  });

  it('term, vote and log durability: a restart that forgot what was persisted', () => {
    const v = check([
      persist(1, [e(1, 1)], { term: 3, votedFor: 2 }),
      { t: 5, kind: 'crash', node: 1 },
      { t: 6, kind: 'restart', node: 1, incarnation: 2, term: 2, votedFor: null, logLength: 0 },
    ]);
    expect(v).toEqual([
      expect.stringMatching(
        /^Term and vote durability: S2 restarted with term 2 and vote null, but had persisted term 3 and vote S3/,
      ),
      expect.stringMatching(
        /^Log durability: S2 restarted with 0 log entries, but had persisted 1/,
      ),
    ]);
  });

  it('keeps at most VIOLATIONS_MAX sentences and counts the rest', () => {
    const checker = new InvariantChecker();
    for (let term = 1; term <= VIOLATIONS_MAX + 5; term++) {
      checker.observe(role(0, 'leader', term));
      checker.observe(role(1, 'leader', term));
    }
    expect(checker.violations).toHaveLength(VIOLATIONS_MAX);
    expect(checker.suppressedCount).toBe(5);
  });
});

describe('a run resumed from storage (page reload)', () => {
  it('starts from the resumed log, so commits and applies of it are not violations', () => {
    const checker = new InvariantChecker();
    const log = [e(1, 1), e(2, 1)];
    checker.observe({
      t: 0,
      kind: 'restart',
      node: 0,
      incarnation: 1,
      term: 3,
      votedFor: 1,
      logLength: 2,
      resumedLog: log,
    });
    checker.observe(commit(0, 2));
    checker.observe(apply(0, log));
    checker.observe(persist(0, [], { term: 3, votedFor: 2 }));
    expect(checker.violations).toEqual([
      expect.stringMatching(/^Vote safety: S1 changed its persisted vote in term 3 from S2 to S3/),
    ]);
  });
});

describe('committed entries are durable: what Raft allows', () => {
  it('a follower still in an older term may drop an entry committed in a later term', () => {
    const v = check([
      role(4, 'follower', 1),
      persist(4, [e(1, 1), e(2, 1), e(3, 1)], { term: 1 }),
      role(0, 'leader', 3),
      persist(0, [e(1, 1), e(2, 1), e(3, 1)], { term: 3, votedFor: 0 }),
      commit(0, 3),
      // A stale leader of term 1 reaches node 4, still in term 1: it replaces entry 3.
      persist(4, [e(3, 1, 'other')], { truncateFrom: 3 }),
    ]);
    expect(v.filter((x) => x.startsWith('Committed entries are durable'))).toEqual([]);
  });

  it('a node in the commit term or later deleting the entry is a violation', () => {
    const v = check([
      role(4, 'follower', 3),
      persist(4, [e(1, 1), e(2, 1), e(3, 1)], { term: 3 }),
      role(0, 'leader', 3),
      persist(0, [e(1, 1), e(2, 1), e(3, 1)], { term: 3, votedFor: 0 }),
      commit(0, 3),
      persist(4, [e(3, 3, 'other')], { truncateFrom: 3 }),
    ]);
    expect(v).toContainEqual(
      expect.stringMatching(/^Committed entries are durable: S5 deleted committed entry 3/),
    );
  });
});

describe('persist before send', () => {
  const send = (from: number, message: Record<string, unknown>): TraceEvent => ({
    t: 5,
    kind: 'send',
    id: 1,
    from,
    to: message.to as number,
    type: message.type as string,
    term: message.term as number,
    deliverAt: 6,
    message,
  });

  it('a vote granted before it was persisted is a violation', () => {
    const v = check([
      send(2, { type: 'RequestVoteReply', from: 2, to: 0, term: 4, voteGranted: true }),
    ]);
    expect(v).toEqual([
      expect.stringMatching(
        /^Persist before send: S3 granted its vote in term 4 to S1, but had persisted term 0 and vote null/,
      ),
    ]);
  });

  it('a message in a term not yet persisted is a violation (Figure 2: before responding)', () => {
    const reply = { type: 'RequestVoteReply', from: 2, to: 0, term: 4, voteGranted: false };
    expect(check([send(2, reply)])).toEqual([
      expect.stringMatching(
        /^Persist before send: S3 sent RequestVoteReply in term 4, but had persisted term 0/,
      ),
    ]);
    expect(check([persist(2, [], { term: 4 }), send(2, reply)])).toEqual([]);
  });

  it('an acknowledgement of entries not yet persisted is a violation; persisted ones are fine', () => {
    const ack = {
      type: 'AppendEntriesReply',
      from: 1,
      to: 0,
      term: 1,
      success: true,
      matchIndex: 2,
    };
    expect(check([persist(1, [e(1, 1)]), send(1, ack)])).toEqual([
      expect.stringMatching(
        /^Persist before send: S2 acknowledged entries up to 2, but had persisted 1/,
      ),
    ]);
    expect(check([persist(1, [e(1, 1), e(2, 1)], { term: 1 }), send(1, ack)])).toEqual([]);
    expect(
      check([
        persist(2, [], { term: 4, votedFor: 0 }),
        send(2, { type: 'RequestVoteReply', from: 2, to: 0, term: 4, voteGranted: true }),
      ]),
    ).toEqual([]);
  });
});
