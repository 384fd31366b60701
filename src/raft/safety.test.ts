/** Safety, §5.4: the commit rule and what a leader may and may not do with its log. */
import { describe, expect, it } from 'vitest';
import { appendEntries, appendReply, deliver, leader, logOfTerms, node } from './testing';

describe('committing entries (§5.4.2)', () => {
  it('a leader only commits entries of its own term by counting replicas (§5.4.2)', () => {
    // Figure 8: leader of term 4 holds an entry of term 2 that a majority now stores.
    const { n } = leader(0, 4, logOfTerms(1, 2), [0, 1, 2, 3, 4]);
    // The no-op of term 4 is at index 3; followers 1 and 2 acknowledge only up to index 2.
    deliver(
      n,
      appendReply({ from: 1, to: 0, term: 4, success: true, prevLogIndex: 2, matchIndex: 2 }),
    );
    deliver(
      n,
      appendReply({ from: 2, to: 0, term: 4, success: true, prevLogIndex: 2, matchIndex: 2 }),
    );
    expect(n.commitIndex).toBe(0);
    // Once an entry of its own term is on a majority, everything before it commits too.
    const ready = deliver(
      n,
      appendReply({ from: 1, to: 0, term: 4, success: true, prevLogIndex: 2, matchIndex: 3 }),
    );
    expect(n.commitIndex).toBe(0);
    deliver(
      n,
      appendReply({ from: 2, to: 0, term: 4, success: true, prevLogIndex: 2, matchIndex: 3 }),
    );
    expect(n.commitIndex).toBe(3);
    expect(ready.committed).toEqual([]);
  });

  it('a leader announces a new commit index to followers at once', () => {
    const { n } = leader(0, 1);
    const ready = deliver(
      n,
      appendReply({ from: 1, to: 0, term: 1, success: true, prevLogIndex: 0, matchIndex: 1 }),
    );
    expect(n.commitIndex).toBe(1);
    const toOne = ready.messages.filter((m) => m.type === 'AppendEntries' && m.to === 1);
    expect(toOne).toEqual([expect.objectContaining({ leaderCommit: 1, entries: [] })]);
  });

  it('commits once a majority stores an entry, without waiting for the rest', () => {
    const { n } = leader(0, 1, [], [0, 1, 2, 3, 4]);
    deliver(
      n,
      appendReply({ from: 3, to: 0, term: 1, success: true, prevLogIndex: 0, matchIndex: 1 }),
    );
    expect(n.commitIndex).toBe(0);
    const ready = deliver(
      n,
      appendReply({ from: 4, to: 0, term: 1, success: true, prevLogIndex: 0, matchIndex: 1 }),
    );
    expect(n.commitIndex).toBe(1);
    expect(ready.committed.map((e) => e.index)).toEqual([1]);
  });

  it('acknowledgements from an older term are ignored', () => {
    const { n } = leader(0, 3, logOfTerms(1));
    deliver(
      n,
      appendReply({ from: 1, to: 0, term: 2, success: true, prevLogIndex: 1, matchIndex: 2 }),
    );
    deliver(
      n,
      appendReply({ from: 2, to: 0, term: 2, success: true, prevLogIndex: 1, matchIndex: 2 }),
    );
    expect(n.commitIndex).toBe(0);
  });
});

describe('persistence before answering (Figure 2)', () => {
  it('a vote is handed to storage in the same Ready as the reply that reveals it', () => {
    const n = node(1);
    n.step(
      {
        kind: 'message',
        message: {
          type: 'RequestVote',
          from: 0,
          to: 1,
          term: 3,
          candidateId: 0,
          lastLogIndex: 0,
          lastLogTerm: 0,
        },
      },
      0,
    );
    const ready = n.takeReady();
    expect(ready.hardState).toEqual({ term: 3, votedFor: 0 });
    expect(ready.messages).toContainEqual(
      expect.objectContaining({ type: 'RequestVoteReply', voteGranted: true }),
    );
  });

  it('acknowledged entries are handed to storage in the same Ready as the acknowledgement', () => {
    const n = node(1, { term: 1 });
    const entries = logOfTerms(1, 1);
    const ready = deliver(n, appendEntries({ from: 0, to: 1, term: 1, entries }));
    expect(ready.append).toEqual(entries);
    expect(ready.messages).toContainEqual(
      expect.objectContaining({ success: true, matchIndex: 2 }),
    );
  });

  it('a node restarted from its durable state keeps its term, vote and log, and forgets the rest', () => {
    const n = node(1, { term: 7, votedFor: 2, log: logOfTerms(1, 7) });
    expect(n).toMatchObject({
      term: 7,
      votedFor: 2,
      commitIndex: 0,
      lastApplied: 0,
      role: 'follower',
    });
    expect(n.log.map((e) => e.term)).toEqual([1, 7]);
    // It keeps its vote: another candidate of term 7 is denied.
    const ready = deliver(n, {
      type: 'RequestVote',
      from: 0,
      to: 1,
      term: 7,
      candidateId: 0,
      lastLogIndex: 9,
      lastLogTerm: 9,
    });
    expect(ready.messages).toContainEqual(expect.objectContaining({ voteGranted: false }));
  });
});
