/** Log replication, §5.3, and the follower side of AppendEntries. */
import { describe, expect, it } from 'vitest';
import { appendEntries, appendReply, deliver, leader, logOfTerms, node, sent } from './testing';

describe('AppendEntries at the follower (§5.3)', () => {
  it('rejects when its log has no entry at prevLogIndex, hinting its log length', () => {
    const n = node(1, { term: 2, log: logOfTerms(1, 1) });
    const ready = deliver(
      n,
      appendEntries({ from: 0, to: 1, term: 2, prevLogIndex: 5, prevLogTerm: 2 }),
    );
    expect(sent(ready, 'AppendEntriesReply')[0]).toMatchObject({
      success: false,
      conflictIndex: 3,
      conflictTerm: null,
    });
  });

  it('rejects a prevLogTerm mismatch with the conflicting term and its first index', () => {
    const n = node(1, { term: 5, log: logOfTerms(1, 2, 2, 2, 3) });
    const ready = deliver(
      n,
      appendEntries({ from: 0, to: 1, term: 5, prevLogIndex: 4, prevLogTerm: 4 }),
    );
    expect(sent(ready, 'AppendEntriesReply')[0]).toMatchObject({
      success: false,
      conflictIndex: 2,
      conflictTerm: 2,
    });
  });

  it('deletes a conflicting entry and all that follow it, then appends', () => {
    const n = node(1, { term: 3, log: logOfTerms(1, 1, 2, 2) });
    const entries = [
      { index: 3, term: 3, command: 'x' },
      { index: 4, term: 3, command: 'y' },
    ];
    const ready = deliver(
      n,
      appendEntries({ from: 0, to: 1, term: 3, prevLogIndex: 2, prevLogTerm: 1, entries }),
    );
    expect(ready.truncateFrom).toBe(3);
    expect(ready.append).toEqual(entries);
    expect(n.log.map((e) => e.term)).toEqual([1, 1, 3, 3]);
    expect(sent(ready, 'AppendEntriesReply')[0]).toMatchObject({ success: true, matchIndex: 4 });
  });

  it('never truncates a matching suffix when a late AppendEntries arrives', () => {
    const n = node(1, { term: 2, log: logOfTerms(1, 2, 2, 2) });
    const late = [{ index: 2, term: 2, command: 'c2' }];
    const ready = deliver(
      n,
      appendEntries({ from: 0, to: 1, term: 2, prevLogIndex: 1, prevLogTerm: 1, entries: late }),
    );
    expect(ready.truncateFrom).toBeNull();
    expect(n.lastIndex).toBe(4);
    expect(sent(ready, 'AppendEntriesReply')[0]).toMatchObject({ success: true, matchIndex: 2 });
  });

  it('sets commitIndex to min(leaderCommit, index of last new entry), never past what matched', () => {
    const n = node(1, { term: 2, log: logOfTerms(1, 1, 1, 1) });
    // The stale suffix 3..4 may differ from the leader's: only 1..2 is known to match.
    const ready = deliver(
      n,
      appendEntries({ from: 0, to: 1, term: 2, prevLogIndex: 2, prevLogTerm: 1, leaderCommit: 4 }),
    );
    expect(n.commitIndex).toBe(2);
    expect(ready.committed.map((e) => e.index)).toEqual([1, 2]);
  });

  it('hands each committed entry to the host exactly once, in order', () => {
    const n = node(1, { term: 1, log: logOfTerms(1, 1, 1) });
    const first = deliver(
      n,
      appendEntries({ from: 0, to: 1, term: 1, prevLogIndex: 3, prevLogTerm: 1, leaderCommit: 2 }),
    );
    const second = deliver(
      n,
      appendEntries({ from: 0, to: 1, term: 1, prevLogIndex: 3, prevLogTerm: 1, leaderCommit: 3 }),
    );
    const third = deliver(
      n,
      appendEntries({ from: 0, to: 1, term: 1, prevLogIndex: 3, prevLogTerm: 1, leaderCommit: 3 }),
    );
    expect(first.committed.map((e) => e.index)).toEqual([1, 2]);
    expect(second.committed.map((e) => e.index)).toEqual([3]);
    expect(third.committed).toEqual([]);
  });
});

describe('the leader (§5.3)', () => {
  it('appends a no-op of its own term on election and sends it to every follower', () => {
    const { n, ready } = leader(0, 2, logOfTerms(1));
    expect(n.log.at(-1)).toEqual({ index: 2, term: 2, command: null });
    const appends = sent(ready, 'AppendEntries');
    expect(appends.map((m) => m.to)).toEqual([1, 2]);
    expect(appends[0]).toMatchObject({ prevLogIndex: 1, prevLogTerm: 1 });
    expect(appends[0]!.entries.map((e) => e.index)).toEqual([2]);
  });

  it('sends AppendEntries at once on a new command, not at the next heartbeat', () => {
    const { n } = leader(0, 1);
    deliver(n, appendReply({ from: 1, to: 0, term: 1, success: true, matchIndex: 1 }));
    n.propose('x', 1);
    const ready = n.takeReady();
    const toOne = sent(ready, 'AppendEntries').filter((m) => m.to === 1);
    expect(toOne).toHaveLength(1);
    expect(toOne[0]!.entries.map((e) => e.command)).toEqual(['x']);
  });

  it('a proposal to a non-leader is refused', () => {
    const n = node(1);
    expect(n.propose('x', 0)).toBeNull();
    expect(n.takeReady().append).toEqual([]);
  });

  it('bounds the entries carried by one AppendEntries', () => {
    const { n } = leader(0, 2, logOfTerms(...new Array(200).fill(1)));
    const ready = deliver(
      n,
      appendReply({ from: 1, to: 0, term: 2, success: false, prevLogIndex: 200, conflictIndex: 1 }),
    );
    expect(sent(ready, 'AppendEntries')).toHaveLength(1);
    for (const m of sent(ready, 'AppendEntries')) expect(m.entries.length).toBeLessThanOrEqual(64);
  });

  it('pipelines batches to a follower in sync, up to the inflight bound', () => {
    const { n } = leader(0, 1);
    deliver(
      n,
      appendReply({ from: 1, to: 0, term: 1, success: true, prevLogIndex: 0, matchIndex: 1 }),
    );
    for (let i = 0; i < 10; i++) n.propose(i, 1);
    const toOne = sent(n.takeReady(), 'AppendEntries').filter((m) => m.to === 1);
    // inflightMax is 4 in these tests: four batches leave before any acknowledgement.
    expect(toOne).toHaveLength(4);
    // Each acknowledgement frees a slot for the next batch.
    const more = deliver(
      n,
      appendReply({ from: 1, to: 0, term: 1, success: true, prevLogIndex: 1, matchIndex: 2 }),
    );
    expect(
      sent(more, 'AppendEntries')
        .filter((m) => m.to === 1)
        .map((m) => m.prevLogIndex),
    ).toEqual([5]);
  });

  it('a follower it has not heard from yet is probed one AppendEntries at a time', () => {
    const { n } = leader(0, 1);
    for (let i = 0; i < 5; i++) n.propose(i, 1);
    const toTwo = sent(n.takeReady(), 'AppendEntries').filter((m) => m.to === 2);
    expect(toTwo).toHaveLength(0);
  });

  it('fast backtracking: one rejection skips the whole conflicting term', () => {
    // Leader log terms: 1 1 1 4 4 4 4 ; follower has 1 1 1 2 2 2 2 2 2 (term 2 unknown to leader).
    const { n } = leader(0, 5, logOfTerms(1, 1, 1, 4, 4, 4, 4));
    const ready = deliver(
      n,
      appendReply({
        from: 1,
        to: 0,
        term: 5,
        success: false,
        prevLogIndex: 7,
        conflictIndex: 4,
        conflictTerm: 2,
      }),
    );
    const retry = sent(ready, 'AppendEntries').find((m) => m.to === 1)!;
    expect(retry.prevLogIndex).toBe(3);
  });

  it('fast backtracking: a conflict term the leader also has resumes after its last entry of that term', () => {
    // Leader: 1 1 3 3 3 5 ; follower: 1 1 3 3 3 3 3 (its 3s run longer).
    const { n } = leader(0, 6, logOfTerms(1, 1, 3, 3, 3, 5));
    const ready = deliver(
      n,
      appendReply({
        from: 1,
        to: 0,
        term: 6,
        success: false,
        prevLogIndex: 6,
        conflictIndex: 3,
        conflictTerm: 3,
      }),
    );
    const retry = sent(ready, 'AppendEntries').find((m) => m.to === 1)!;
    expect(retry.prevLogIndex).toBe(5);
  });

  it('ignores a stale rejection for an index it already knows matches', () => {
    const { n } = leader(0, 2, logOfTerms(1, 1));
    deliver(
      n,
      appendReply({ from: 1, to: 0, term: 2, success: true, prevLogIndex: 2, matchIndex: 3 }),
    );
    const ready = deliver(
      n,
      appendReply({ from: 1, to: 0, term: 2, success: false, prevLogIndex: 1, conflictIndex: 1 }),
    );
    expect(sent(ready, 'AppendEntries')).toHaveLength(0);
    expect(n.progress.find((p) => p.peer === 1)).toMatchObject({
      state: 'replicate',
      matchIndex: 3,
    });
  });

  it('an idle leader sends exactly one heartbeat per follower per interval', () => {
    const { n } = leader(0, 1);
    let appends = 0;
    for (let t = 50; t <= 1000; t += 50) {
      n.step({ kind: 'tick' }, t);
      appends += sent(n.takeReady(), 'AppendEntries').length;
    }
    expect(appends).toBe(20 * 2);
  });
});
