/** Persistent state (§5, Figure 2): currentTerm, votedFor and log[] survive a crash. */
import { describe, expect, it } from 'vitest';
import { createCluster, type MessageView } from '../index';
import { electLeader, ids, runUntilApplied } from './helpers';

describe('persistent state (Figure 2)', () => {
  it('entries acknowledged by an AppendEntries success survive a crash of the follower (Figure 2: log[])', () => {
    // init
    const c = createCluster({ nodes: 3, seed: 404 });
    const leader = electLeader(c);
    const f = ids(c).find((id) => id !== leader)!;
    const r = c.submit(leader, 'acked');
    const isAck = (m: MessageView) =>
      m.type === 'AppendEntriesReply' &&
      m.from === f &&
      m.payload.success === true &&
      (m.payload.matchIndex as number) >= r.index!;
    // act: the follower crashes the instant its acknowledgement is on the wire
    expect(c.runUntil(() => c.inFlight().some(isAck), 20)).toBe(true);
    c.crash(f);
    // check: the entry is in its durable log, and in its log after the restart
    expect(c.node(f).log[r.index! - 1]).toEqual({ index: r.index, term: r.term, command: 'acked' });
    c.restart(f);
    expect(c.node(f).log[r.index! - 1]).toEqual({ index: r.index, term: r.term, command: 'acked' });
    expect(runUntilApplied(c, ids(c), 'acked')).toBe(true);
    expect(c.violations()).toEqual([]);
  });
});
