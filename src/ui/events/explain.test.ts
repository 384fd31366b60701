import { describe, expect, it } from 'vitest';
import type { TraceEvent, TraceKind } from '../../sim/trace';
import { describeMessage, explain } from './explain';

/** One example of every trace event kind, with the sentence it reads as. */
const EXAMPLES: ReadonlyArray<readonly [TraceEvent, string]> = [
  [
    {
      t: 1,
      kind: 'send',
      id: 812,
      from: 0,
      to: 3,
      type: 'AppendEntries',
      term: 5,
      deliverAt: 4,
      message: { entries: [{}, {}, {}], leaderCommit: 7 },
    },
    'S1 → S4: AppendEntries (3 entries, commit 7) #812',
  ],
  [
    { t: 4, kind: 'deliver', id: 812, from: 0, to: 3, type: 'AppendEntries' },
    'S4 received AppendEntries from S1 #812',
  ],
  [
    { t: 4, kind: 'drop', id: 812, from: 0, to: 3, type: 'AppendEntries', reason: 'link-down' },
    'message #812 dropped: link down (AppendEntries S1 → S4)',
  ],
  [{ t: 4, kind: 'hold', id: 9 }, 'message #9 held back'],
  [{ t: 4, kind: 'release', id: 9 }, 'message #9 released'],
  [{ t: 5, kind: 'timeout', node: 2, timer: 'election' }, "S3's election timer fired"],
  [{ t: 5, kind: 'role', node: 2, role: 'leader', term: 5 }, 'S3 became leader in term 5'],
  [
    { t: 5, kind: 'vote', node: 3, term: 5, candidate: 2, granted: true },
    'S4 voted for S3 in term 5',
  ],
  [
    {
      t: 5,
      kind: 'persist',
      node: 3,
      hardState: { term: 5, votedFor: 2 },
      truncateFrom: null,
      append: [],
    },
    'S4 saved term 5, vote for S3',
  ],
  [{ t: 6, kind: 'commit', node: 0, commitIndex: 7 }, 'S1 committed up to entry 7'],
  [
    { t: 6, kind: 'apply', node: 0, entries: [{ index: 7, term: 5, command: null }] },
    'S1 applied entry 7: no-op',
  ],
  [
    { t: 6, kind: 'propose', node: 0, index: 7, term: 5, command: null },
    'leader S1 appended no-op as entry 7 in term 5',
  ],
  [{ t: 7, kind: 'crash', node: 4 }, 'S5 crashed'],
  [
    {
      t: 8,
      kind: 'restart',
      node: 4,
      incarnation: 2,
      term: 5,
      votedFor: 2,
      logLength: 7,
    },
    'S5 restarted from its storage: term 5, voted for S3, 7 entries',
  ],
  [{ t: 9, kind: 'intervention', action: 'crash', args: [4] }, 'you: crash S5'],
  [
    { t: 10, kind: 'client-call', client: 'c1', op: 'set', key: 'x', value: '1' },
    'c1 calls SET x 1',
  ],
  [
    {
      t: 22.5,
      kind: 'client-return',
      client: 'c1',
      op: 'set',
      key: 'x',
      call: 10,
      attempts: 1,
      outcome: 'ok',
      result: { prevFound: false },
    },
    'c1: SET x → ok, was absent (12.5 ms)',
  ],
  [
    { t: 6, kind: 'feature', node: 0, event: { type: 'preVoteStarted', term: 3 } },
    'S1 asked whether it could win term 3 (PreVote), its own term unchanged',
  ],
  [
    {
      t: 6,
      kind: 'feature',
      node: 1,
      event: { type: 'preVoted', term: 3, candidateId: 0, granted: false, reason: 'leader-alive' },
    },
    'S2 would not vote for S1 in term 3 (PreVote): it heard from a leader less than an election timeout ago',
  ],
  [
    { t: 7, kind: 'feature', node: 2, event: { type: 'steppedDown', term: 4 } },
    'S3 stepped down in term 4: no majority answered within an election timeout (CheckQuorum)',
  ],
  [
    { t: 7, kind: 'feature', node: 2, event: { type: 'transferStarted', term: 4, to: 0 } },
    'S3 is handing leadership to S1 (term 4): no new commands until it is done',
  ],
  [
    {
      t: 30,
      kind: 'client-return',
      client: 'c2',
      op: 'get',
      key: 'x',
      call: 28,
      attempts: 1,
      outcome: 'ok',
      result: { found: true, value: '1' },
      servedBy: 'lease',
    },
    "c2: GET x → ok, 1 (2 ms, read on the leader's lease, no log entry)",
  ],
];

describe('explain: one short sentence per trace event', () => {
  it.each(EXAMPLES)('%o reads as "%s"', (event, words) => {
    expect(explain(event)).toBe(words);
  });

  it('has an example for every kind of trace event', () => {
    const kinds: Record<TraceKind, true> = {
      send: true,
      deliver: true,
      drop: true,
      hold: true,
      release: true,
      timeout: true,
      role: true,
      vote: true,
      persist: true,
      commit: true,
      apply: true,
      propose: true,
      crash: true,
      restart: true,
      intervention: true,
      'client-call': true,
      'client-return': true,
      feature: true,
    };
    expect(new Set(EXAMPLES.map(([e]) => e.kind))).toEqual(new Set(Object.keys(kinds)));
  });

  it("says what a client's return answers when it knows the call", () => {
    const call = EXAMPLES[15]![0] as Extract<TraceEvent, { kind: 'client-call' }>;
    expect(explain(EXAMPLES[16]![0], { call })).toBe('c1: SET x 1 → ok, was absent (12.5 ms)');
  });

  it('tells failed, unknown and retried client calls apart', () => {
    const base = { t: 50, kind: 'client-return', client: 'c2', key: 'k', call: 20 } as const;
    expect(
      explain({ ...base, op: 'get', attempts: 1, outcome: 'ok', result: { found: false } }),
    ).toBe('c2: GET k → ok, not found (30 ms)');
    expect(
      explain({ ...base, op: 'cas', attempts: 3, outcome: 'fail', error: 'session expired' }),
    ).toBe('c2: CAS k → failed: session expired (30 ms, 3 attempts)');
    expect(explain({ ...base, op: 'del', attempts: 4, outcome: 'unknown' })).toBe(
      'c2: DEL k → outcome unknown (30 ms, 4 attempts)',
    );
  });

  it('explains every role change, forced and heartbeat timeouts, and refused votes', () => {
    expect(explain({ t: 0, kind: 'role', node: 1, role: 'candidate', term: 3 })).toBe(
      'S2 became candidate in term 3',
    );
    expect(explain({ t: 0, kind: 'role', node: 1, role: 'follower', term: 3, leaderId: 4 })).toBe(
      'S2 became follower in term 3 (leader S5)',
    );
    expect(explain({ t: 0, kind: 'timeout', node: 1, timer: 'election', forced: true })).toBe(
      'S2 was made to time out (election timer)',
    );
    expect(explain({ t: 0, kind: 'timeout', node: 0, timer: 'heartbeat' })).toBe(
      "S1's heartbeat timer fired",
    );
    expect(
      explain({
        t: 0,
        kind: 'vote',
        node: 3,
        term: 5,
        candidate: 2,
        granted: false,
        reason: 'log-not-up-to-date',
      }),
    ).toBe("S4 refused its vote to S3 in term 5: the candidate's log is behind");
  });

  it('explains truncations, appended ranges and restarts after a reload', () => {
    expect(
      explain({
        t: 0,
        kind: 'persist',
        node: 1,
        hardState: null,
        truncateFrom: 4,
        append: [
          { index: 4, term: 6, command: null },
          { index: 5, term: 6, command: null },
        ],
      }),
    ).toBe('S2 saved removed entries from 4 on; entries 4–5');
    expect(
      explain({
        t: 0,
        kind: 'restart',
        node: 0,
        incarnation: 1,
        term: 2,
        votedFor: null,
        logLength: 1,
        resumedLog: [],
      }),
    ).toBe('S1 restarted from its storage after a page reload: term 2, no vote, 1 entry');
  });

  it('explains each kind of drop', () => {
    const drop = { t: 0, kind: 'drop', id: 3, from: 'c1', to: 2, type: 'ClientRequest' } as const;
    expect(explain({ ...drop, reason: 'loss' })).toBe(
      'message #3 dropped: lost by the network (ClientRequest c1 → S3)',
    );
    expect(explain({ ...drop, reason: 'receiver-crashed' })).toContain('receiver is down');
    expect(explain({ ...drop, reason: 'user' })).toContain('dropped by you');
    expect(explain({ ...drop, reason: 'malformed' })).toContain('malformed');
  });

  it('explains every intervention', () => {
    const you = (action: string, ...args: unknown[]) =>
      explain({ t: 0, kind: 'intervention', action, args });
    expect(you('partition', [0, 1], [2, 3, 4])).toBe('you: partition {S1, S2} | {S3, S4, S5}');
    expect(you('heal')).toBe('you: heal every link');
    expect(you('setLink', 0, 1, false)).toBe('you: cut the link S1 → S2');
    expect(you('setLink', 0, 1, true)).toBe('you: restore the link S1 → S2');
    expect(you('setNetwork', { delayMs: [1, 5], dropRate: 0.1, duplicateRate: 0 })).toBe(
      'you: network delay 1–5 ms, drop 10%, duplicate 0%',
    );
    expect(you('dropMessage', 812)).toBe('you: drop message #812');
    expect(you('expireElectionTimer', 2)).toBe('you: make S3 time out');
    expect(you('disconnect', 3)).toBe('you: disconnect S4');
    expect(you('submit', 0, { x: 1 })).toBe('you: submit {"x":1} to S1');
    expect(you('hold')).toBe('you: hold messages back');
    expect(you('release')).toBe('you: release held messages');
  });

  it('never throws on malformed events', () => {
    expect(explain({ kind: 'apply', t: 0, node: 1, entries: null } as unknown as TraceEvent)).toBe(
      'apply event',
    );
    expect(explain({ kind: 'mystery', t: 0 } as unknown as TraceEvent)).toBe('mystery event');
  });
});

describe('messages in a few words', () => {
  it('says what each message type carries', () => {
    expect(describeMessage('RequestVote', { term: 5, lastLogIndex: 7, lastLogTerm: 4 })).toBe(
      'RequestVote (term 5, last entry 7 of term 4)',
    );
    expect(describeMessage('RequestVote', { term: 1, lastLogIndex: 0, lastLogTerm: 0 })).toBe(
      'RequestVote (term 1, empty log)',
    );
    expect(describeMessage('RequestVoteReply', { term: 5, voteGranted: true })).toBe(
      'vote granted (term 5)',
    );
    expect(describeMessage('RequestVoteReply', { term: 5, voteGranted: false })).toBe(
      'vote refused (term 5)',
    );
    expect(describeMessage('AppendEntries', { entries: [], leaderCommit: 3 })).toBe(
      'AppendEntries (heartbeat, commit 3)',
    );
    expect(describeMessage('AppendEntries', { entries: [{}], leaderCommit: 3 })).toBe(
      'AppendEntries (1 entry, commit 3)',
    );
    expect(describeMessage('AppendEntriesReply', { success: true, matchIndex: 7 })).toBe(
      'AppendEntries ok (match 7)',
    );
    expect(
      describeMessage('AppendEntriesReply', { success: false, conflictIndex: 5, conflictTerm: 3 }),
    ).toBe('AppendEntries rejected (conflict at 5, term 3)');
    expect(
      describeMessage('AppendEntriesReply', {
        success: false,
        conflictIndex: 4,
        conflictTerm: null,
      }),
    ).toBe('AppendEntries rejected (log too short, next 4)');
    expect(describeMessage('ClientRequest', { command: { op: 'register' } })).toBe('register');
    expect(describeMessage('ClientRequest', { command: { op: 'set', key: 'x', value: '1' } })).toBe(
      'request SET x 1',
    );
    expect(describeMessage('ClientReply', { status: 'notLeader', leaderHint: 3 })).toBe(
      'not leader (try S4)',
    );
    expect(describeMessage('ClientReply', { status: 'notLeader', leaderHint: null })).toBe(
      'not leader (no hint)',
    );
    expect(describeMessage('ClientReply', { status: 'registered', session: 4 })).toBe(
      'registered as session 4',
    );
    expect(
      describeMessage('ClientReply', {
        status: 'done',
        response: { ok: false, code: 'expired', error: 'session expired' },
      }),
    ).toBe('refused: session expired');
    expect(describeMessage('ClientReply', { status: 'done', response: { ok: true } })).toBe('done');
    expect(describeMessage('Mystery', null)).toBe('Mystery');
  });

  it('marks duplicated copies', () => {
    expect(
      explain({
        t: 1,
        kind: 'send',
        id: 13,
        from: 1,
        to: 2,
        type: 'RequestVoteReply',
        term: 2,
        deliverAt: 3,
        duplicateOf: 12,
        message: { term: 2, voteGranted: true },
      }),
    ).toBe('S2 → S3: vote granted (term 2) #13 (copy of #12)');
  });
});
