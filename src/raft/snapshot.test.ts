/** Snapshots and log compaction (dissertation chapter 5), in the core. */
import { describe, expect, it } from 'vitest';
import { RaftNode } from './node';
import { appendEntries, appendReply, deliver, leader, logOfTerms, node, sent } from './testing';
import type { InstallSnapshot, RaftMessage, Ready } from './types';

/** A leader of term 2 whose log holds entries 1..n (term 1, then its no-op) and S3 matched. */
function leaderWithLog(n: number): RaftNode {
  const { n: l } = leader(0, 2, logOfTerms(...Array(n).fill(1)));
  // S3 acknowledges everything: entries commit without S2 (which is behind).
  l.step(
    {
      kind: 'message',
      message: appendReply({ from: 2, to: 0, term: 2, success: true, matchIndex: n + 1 }),
    },
    1,
  );
  l.takeReady();
  return l;
}

/** Delivers every message of `ready` addressed to `to` and returns what it answers. */
function pass(ready: Ready, to: RaftNode, now = 2): Ready[] {
  const out: Ready[] = [];
  for (const m of ready.messages) if (m.to === to.id) out.push(deliver(to, m, now));
  return out;
}

describe('log compaction (chapter 5)', () => {
  it('drops the applied entries a snapshot covers; their last term stays known', () => {
    const l = leaderWithLog(5);
    expect(l.lastApplied).toBe(6);
    l.compact(4, 'state after 4');
    const ready = l.takeReady();
    expect(ready.snapshot).toEqual({ index: 4, term: 1, data: 'state after 4' });
    expect([l.snapshotIndex, l.snapshotTerm]).toEqual([4, 1]);
    expect(l.log.map((e) => e.index)).toEqual([5, 6]);
    expect(() => l.compact(9, 'x')).toThrow(/only 6 are applied/);
  });

  it('a node restarts from its snapshot and the entries after it', () => {
    const n = new RaftNode(
      {
        id: 1,
        members: [0, 1, 2],
        electionTimeoutMin: 150,
        electionTimeoutMax: 300,
        heartbeatInterval: 50,
        entriesPerAppendMax: 64,
        inflightMax: 4,
        seed: 1,
      },
      {
        hardState: { term: 3, votedFor: null },
        snapshot: { index: 10, term: 2, data: 's' },
        log: [{ index: 11, term: 3, command: 'x' }],
      },
      0,
    );
    expect([n.commitIndex, n.lastApplied, n.lastIndex, n.snapshotIndex]).toEqual([10, 10, 11, 10]);
  });

  it('an AppendEntries that starts before the snapshot is taken from the snapshot on', () => {
    const f = new RaftNode(
      {
        id: 1,
        members: [0, 1, 2],
        electionTimeoutMin: 150,
        electionTimeoutMax: 300,
        heartbeatInterval: 50,
        entriesPerAppendMax: 64,
        inflightMax: 4,
        seed: 1,
      },
      {
        hardState: { term: 2, votedFor: null },
        snapshot: { index: 3, term: 1, data: 's' },
        log: [],
      },
      0,
    );
    const entries = logOfTerms(1, 1, 1, 2);
    const ready = deliver(
      f,
      appendEntries({ from: 0, to: 1, term: 2, prevLogIndex: 0, entries, leaderCommit: 4 }),
    );
    expect(sent(ready, 'AppendEntriesReply')[0]).toMatchObject({ success: true, matchIndex: 4 });
    expect(f.log.map((e) => e.index)).toEqual([4]);
    expect(f.commitIndex).toBe(4);
  });
});

describe('InstallSnapshot (chapter 5)', () => {
  it('a follower behind the snapshot gets it in chunks, restores it, then takes entries again', () => {
    const { n: l } = leader(0, 2, logOfTerms(1, 1, 1, 1, 1), [0, 1, 2]);
    l.step(
      {
        kind: 'message',
        message: appendReply({ from: 2, to: 0, term: 2, success: true, matchIndex: 6 }),
      },
      1,
    );
    l.takeReady();
    l.compact(6, 'abcdefghij'.repeat(1000)); // 10,000 characters: three chunks of 4096
    l.takeReady();
    const f = node(1, { term: 2 });
    // S2 says its log is empty: the leader has compacted what S2 needs.
    let ready = deliver(
      l,
      appendReply({ from: 1, to: 0, term: 2, success: false, prevLogIndex: 5, conflictIndex: 1 }),
      2,
    );
    const chunks: InstallSnapshot[] = [];
    for (let i = 0; i < 10; i++) {
      const m = sent(ready, 'InstallSnapshot')[0];
      if (m === undefined) break;
      chunks.push(m);
      const [answer] = pass(ready, f);
      ready = deliver(l, answer!.messages[0]!, 3);
      if (answer!.restore !== null) {
        expect(answer!.restore).toMatchObject({ index: 6, term: 2 });
        expect(answer!.restore.data).toHaveLength(10_000);
        expect(answer!.snapshot).toEqual(answer!.restore);
      }
    }
    expect(chunks.map((c) => [c.offset, c.data.length, c.done])).toEqual([
      [0, 4096, false],
      [4096, 4096, false],
      [8192, 1808, true],
    ]);
    expect([f.snapshotIndex, f.commitIndex, f.lastApplied, f.lastIndex]).toEqual([6, 6, 6, 6]);
    // Installed: the leader probes from the snapshot on.
    expect(sent(ready, 'AppendEntries')[0]).toMatchObject({ prevLogIndex: 6, prevLogTerm: 2 });
    expect(l.progress.find((p) => p.peer === 1)).toMatchObject({ matchIndex: 6, state: 'probe' });
  });

  it('a follower whose log agrees with the snapshot keeps what comes after it', () => {
    const f = node(1, { term: 2, log: logOfTerms(1, 1, 2, 2) });
    const ready = deliver(f, {
      type: 'InstallSnapshot',
      from: 0,
      to: 1,
      term: 2,
      leaderId: 0,
      lastIncludedIndex: 3,
      lastIncludedTerm: 2,
      offset: 0,
      data: 'snap',
      done: true,
    });
    expect(ready.truncateFrom).toBeNull();
    expect(f.log.map((e) => e.index)).toEqual([4]);
    expect(ready.restore).toEqual({ index: 3, term: 2, data: 'snap' });
  });

  it('a follower whose log disagrees drops all of it', () => {
    const f = node(1, { term: 3, log: logOfTerms(1, 1, 2, 2) });
    const ready = deliver(f, {
      type: 'InstallSnapshot',
      from: 0,
      to: 1,
      term: 3,
      leaderId: 0,
      lastIncludedIndex: 3,
      lastIncludedTerm: 3,
      offset: 0,
      data: 'snap',
      done: true,
    });
    expect(ready.truncateFrom).toBe(4);
    expect(f.log).toEqual([]);
    expect([f.lastIndex, f.lastApplied]).toEqual([3, 3]);
  });

  it('a chunk out of order is answered with where its copy ends', () => {
    const f = node(1, { term: 2 });
    const chunk = (offset: number, data: string, done: boolean): RaftMessage => ({
      type: 'InstallSnapshot',
      from: 0,
      to: 1,
      term: 2,
      leaderId: 0,
      lastIncludedIndex: 9,
      lastIncludedTerm: 2,
      offset,
      data,
      done,
    });
    deliver(f, chunk(0, 'abc', false));
    const skipped = deliver(f, chunk(6, 'ghi', true));
    expect(sent(skipped, 'InstallSnapshotReply')[0]).toMatchObject({ received: 3, done: false });
    expect(f.snapshotIndex).toBe(0);
    const next = deliver(f, chunk(3, 'def', false));
    expect(sent(next, 'InstallSnapshotReply')[0]).toMatchObject({ received: 6, done: false });
    const last = deliver(f, chunk(6, 'ghi', true));
    expect(last.restore).toEqual({ index: 9, term: 2, data: 'abcdefghi' });
  });

  it('a snapshot of what the follower has already committed is acknowledged and ignored', () => {
    const f = node(1, { term: 2, log: logOfTerms(1, 1, 2) });
    deliver(
      f,
      appendEntries({ from: 0, to: 1, term: 2, prevLogIndex: 3, prevLogTerm: 2, leaderCommit: 3 }),
    );
    const ready = deliver(f, {
      type: 'InstallSnapshot',
      from: 0,
      to: 1,
      term: 2,
      leaderId: 0,
      lastIncludedIndex: 2,
      lastIncludedTerm: 1,
      offset: 0,
      data: 'old',
      done: true,
    });
    expect(ready.restore).toBeNull();
    expect(sent(ready, 'InstallSnapshotReply')[0]).toMatchObject({ done: true });
    expect(f.lastIndex).toBe(3);
  });
});
