/** The harness contract (issue #2): what `Cluster` promises, checked through its API only. */
import { describe, expect, it } from 'vitest';
import { createCluster, type MessageView } from '../index';
import { electLeader, ids, logCommands, runUntilApplied } from './helpers';

const isAppend = (m: MessageView) => m.type === 'AppendEntries';
const carries = (command: unknown) => (m: MessageView) =>
  isAppend(m) && (m.payload.entries as { command: unknown }[]).some((e) => e.command === command);

describe('time', () => {
  it('runUntil returns true right after the event that makes the predicate hold', () => {
    // init
    const c = createCluster({ nodes: 3, seed: 801 });
    // act
    const held = c.runUntil(() => c.leader() !== null, 1000);
    // check: the election was the last thing processed, at the current time
    expect(held).toBe(true);
    const trace = c.trace();
    const won = trace.findIndex((e) => e.kind === 'role' && e.role === 'leader');
    expect(trace[won]!.t).toBe(c.now);
    expect(trace.slice(won).filter((e) => e.kind === 'deliver' || e.kind === 'timeout')).toEqual(
      [],
    );
    expect(c.violations()).toEqual([]);
  });

  it('runUntil returns false on timeout with now advanced by exactly maxMs; true at once if it already holds', () => {
    // init
    const c = createCluster({ nodes: 3, seed: 802 });
    c.run(10.25);
    // act + check
    expect(c.runUntil(() => false, 123.5)).toBe(false);
    expect(c.now).toBe(133.75);
    expect(c.runUntil(() => true, 1000)).toBe(true);
    expect(c.now).toBe(133.75);
    c.run(0);
    expect(c.now).toBe(133.75);
    expect(c.violations()).toEqual([]);
  });
});

describe('holds', () => {
  it('a held message is listed by inFlight with held: true once due, and dropMessage removes it', () => {
    // init
    const c = createCluster({ nodes: 3, seed: 811 });
    const leader = electLeader(c);
    c.run(100);
    c.hold(isAppend);
    // act
    c.submit(leader, 'x');
    const fresh = c.inFlight().filter(carries('x'));
    c.run(10);
    const due = c.inFlight().filter((m) => fresh.some((f) => f.id === m.id));
    // check
    expect(fresh.length).toBe(2);
    for (const m of fresh)
      expect(m).toMatchObject({ from: leader, held: false, sentAt: c.now - 10 });
    expect(due.map((m) => m.id)).toEqual(fresh.map((m) => m.id));
    for (const m of due) {
      expect(m.held).toBe(true);
      expect(m.deliverAt).toBeLessThanOrEqual(c.now);
      expect(m.payload).toMatchObject({ type: 'AppendEntries', leaderId: leader });
    }
    const victim = due[0]!;
    c.dropMessage(victim.id);
    expect(c.inFlight().map((m) => m.id)).not.toContain(victim.id);
    expect(c.trace().at(-1)).toMatchObject({ kind: 'drop', id: victim.id, reason: 'user' });
    for (const id of ids(c)) if (id !== leader) expect(logCommands(c, id)).toEqual([]);
    expect(c.violations()).toEqual([]);
  });

  it('release(pred) delivers only matching held messages; release() delivers all and ends every hold', () => {
    // init
    const c = createCluster({ nodes: 3, seed: 812 });
    const leader = electLeader(c);
    c.run(100);
    const [a, b] = ids(c).filter((id) => id !== leader) as [number, number];
    c.hold(isAppend);
    c.submit(leader, 'x');
    c.run(10);
    const toA = c.inFlight().filter((m) => m.held && m.to === a);
    // act: release what goes to a only
    c.release((m) => m.to === a);
    c.run(10);
    // check
    expect(toA.length).toBeGreaterThan(0);
    for (const m of toA) {
      expect(c.trace().find((e) => e.kind === 'deliver' && e.id === m.id)).toBeDefined();
    }
    expect(logCommands(c, a)).toEqual(['x']);
    expect(logCommands(c, b)).toEqual([]);
    // the hold is still on: later messages to a are held again
    c.run(100);
    expect(c.inFlight().some((m) => m.held && m.to === a)).toBe(true);
    // act: release everything
    c.release();
    c.run(5);
    expect(c.inFlight().filter((m) => m.held)).toEqual([]);
    expect(logCommands(c, b)).toEqual(['x']);
    c.run(500);
    expect(c.inFlight().filter((m) => m.held)).toEqual([]);
    expect(c.leader()).toBe(leader);
    expect(c.violations()).toEqual([]);
  });
});

describe('the network', () => {
  it('a message is lost when its link is down as it is sent', () => {
    // init
    const c = createCluster({ nodes: 3, seed: 821 });
    const leader = electLeader(c);
    c.run(100);
    const f = ids(c).find((id) => id !== leader)!;
    c.setLink(leader, f, false);
    const mark = c.trace().length;
    // act
    c.submit(leader, 'x');
    // check: sent with no delivery time, dropped at once
    const toF = c
      .trace()
      .slice(mark)
      .filter((e) => 'to' in e && e.to === f);
    expect(toF[0]).toMatchObject({ kind: 'send', type: 'AppendEntries', deliverAt: null });
    expect(toF[1]).toMatchObject({
      kind: 'drop',
      id: (toF[0] as { id: number }).id,
      reason: 'link-down',
    });
    expect(c.inFlight().filter((m) => m.to === f)).toEqual([]);
    expect(c.violations()).toEqual([]);
  });

  it('a message is lost when its link is down as it would arrive', () => {
    // init
    const c = createCluster({ nodes: 3, seed: 822 });
    const leader = electLeader(c);
    c.run(100);
    const f = ids(c).find((id) => id !== leader)!;
    c.submit(leader, 'x');
    const m = c.inFlight().find((x) => x.to === f && isAppend(x))!;
    // act
    c.setLink(leader, f, false);
    c.run(m.deliverAt - c.now);
    // check
    expect(c.trace().find((e) => e.kind === 'drop' && e.id === m.id)).toMatchObject({
      t: m.deliverAt,
      reason: 'link-down',
    });
    expect(logCommands(c, f)).toEqual([]);
    expect(c.violations()).toEqual([]);
  });

  it('messages a node sent before it crashed are still delivered', () => {
    // init
    const c = createCluster({ nodes: 3, seed: 823 });
    const leader = electLeader(c);
    c.run(100);
    // act
    c.submit(leader, 'last words');
    const outgoing = c.inFlight().filter(carries('last words'));
    c.crash(leader);
    c.run(10);
    // check
    expect(outgoing.length).toBe(2);
    for (const m of outgoing) {
      expect(c.trace().find((e) => e.kind === 'deliver' && e.id === m.id)).toBeDefined();
      expect(logCommands(c, m.to as number)).toEqual(['last words']);
    }
    expect(c.violations()).toEqual([]);
  });

  it('partition([0, 1], [2, 3, 4]) lets messages pass inside each group only; heal() restores every link', () => {
    // init
    const c = createCluster({ nodes: 5, seed: 824 });
    c.partition([0, 1], [2, 3, 4]);
    // act
    c.run(2000);
    // check: only the majority side elects; nothing crosses between the groups
    const side = (id: unknown) => (id === 0 || id === 1 ? 'a' : 'b');
    const delivered = c.trace().filter((e) => e.kind === 'deliver');
    expect(delivered.length).toBeGreaterThan(0);
    for (const e of delivered)
      expect(e.kind === 'deliver' && side(e.from) === side(e.to)).toBe(true);
    expect([2, 3, 4]).toContain(c.leader());
    expect(c.node(0).role).not.toBe('leader');
    expect(c.node(1).role).not.toBe('leader');
    // act: heal, after also disconnecting a node
    c.disconnect(2);
    c.heal();
    c.submit(c.leader()!, 'healed');
    // check
    expect(runUntilApplied(c, ids(c), 'healed', 2000)).toBe(true);
    expect(c.violations()).toEqual([]);
  });

  it('a node left out of every partition group is cut off from all', () => {
    // init
    const c = createCluster({ nodes: 5, seed: 825 });
    const t0 = c.now;
    // act
    c.partition([0, 1], [2, 3]);
    c.run(2000);
    // check
    const touching4 = c
      .trace()
      .filter((e) => e.t >= t0 && e.kind === 'deliver' && (e.from === 4 || e.to === 4));
    expect(touching4).toEqual([]);
    expect(c.leader()).toBeNull();
    expect(c.violations()).toEqual([]);
  });

  it('setLink cuts one direction only', () => {
    // init
    const c = createCluster({ nodes: 3, seed: 826 });
    const leader = electLeader(c);
    c.run(100);
    const f = ids(c).find((id) => id !== leader)!;
    // act: f no longer hears the leader, but the leader still hears f
    c.setLink(leader, f, false);
    const mark = c.trace().length;
    c.run(1000);
    // check
    const delivered = c
      .trace()
      .slice(mark)
      .filter((e) => e.kind === 'deliver');
    expect(delivered.some((e) => e.kind === 'deliver' && e.from === f && e.to === leader)).toBe(
      true,
    );
    expect(delivered.some((e) => e.kind === 'deliver' && e.from === leader && e.to === f)).toBe(
      false,
    );
    expect(c.violations()).toEqual([]);
  });

  it('disconnect cuts every link of a node until reconnect', () => {
    // init
    const c = createCluster({ nodes: 3, seed: 827 });
    const leader = electLeader(c);
    c.run(100);
    const f = ids(c).find((id) => id !== leader)!;
    c.disconnect(f);
    const mark = c.trace().length;
    // act
    c.submit(leader, 'x');
    c.run(1000);
    // check
    const touching = c
      .trace()
      .slice(mark)
      .filter((e) => e.kind === 'deliver' && (e.from === f || e.to === f));
    expect(touching).toEqual([]);
    c.reconnect(f);
    expect(runUntilApplied(c, ids(c), 'x', 2000)).toBe(true);
    expect(c.violations()).toEqual([]);
  });
});

describe('node interventions', () => {
  it('crash and restart are no-ops when repeated', () => {
    // init
    const c = createCluster({ nodes: 3, seed: 831 });
    const leader = electLeader(c);
    c.run(100);
    const f = ids(c).find((id) => id !== leader)!;
    const count = (kind: string) =>
      c.trace().filter((e) => e.kind === kind && 'node' in e && e.node === f).length;
    // act + check
    c.crash(f);
    c.crash(f);
    expect(count('crash')).toBe(1);
    expect(c.node(f).alive).toBe(false);
    c.restart(f);
    const after = c.node(f);
    c.restart(f);
    expect(count('restart')).toBe(2);
    expect(c.node(f)).toEqual(after);
    expect(c.node(f).alive).toBe(true);
    expect(c.violations()).toEqual([]);
  });

  it('expireElectionTimer does nothing on a leader or a crashed node', () => {
    // init
    const c = createCluster({ nodes: 3, seed: 832 });
    const leader = electLeader(c);
    c.run(100);
    const f = ids(c).find((id) => id !== leader)!;
    const term = c.node(leader).term;
    c.crash(f);
    const t0 = c.now;
    // act
    c.expireElectionTimer(leader);
    c.expireElectionTimer(f);
    c.run(300);
    // check
    expect(c.node(leader)).toMatchObject({ role: 'leader', term });
    expect(c.node(f).term).toBe(term);
    expect(
      c.trace().filter((e) => e.t >= t0 && (e.kind === 'timeout' ? e.timer === 'election' : false)),
    ).toEqual([]);
    expect(c.violations()).toEqual([]);
  });

  it('expireElectionTimer on a follower starts an election at once', () => {
    // init
    const c = createCluster({ nodes: 3, seed: 833 });
    const leader = electLeader(c);
    c.run(100);
    const f = ids(c).find((id) => id !== leader)!;
    const term = c.node(leader).term;
    // act
    c.expireElectionTimer(f);
    // check
    expect(c.node(f)).toMatchObject({ role: 'candidate', term: term + 1, votedFor: f });
    expect(c.inFlight().filter((m) => m.type === 'RequestVote' && m.from === f)).toHaveLength(2);
    expect(c.runUntil(() => c.leader() === f, 50)).toBe(true);
    expect(c.violations()).toEqual([]);
  });
});

describe('bad arguments', () => {
  it('an unknown node id throws a clear error, and changes nothing', () => {
    // init
    const c = createCluster({ nodes: 5, seed: 841 });
    const before = JSON.stringify(c.trace());
    // act + check
    expect(() => c.node(9)).toThrow('no node 9: node ids are 0 .. 4');
    expect(() => c.node(-1)).toThrow(/no node -1/);
    expect(() => c.node(1.5)).toThrow(/no node 1.5/);
    expect(() => c.crash(9)).toThrow(/no node 9/);
    expect(() => c.restart(9)).toThrow(/no node 9/);
    expect(() => c.submit(9, 'x')).toThrow(/no node 9/);
    expect(() => c.applied(9)).toThrow(/no node 9/);
    expect(() => c.disconnect(9)).toThrow(/no node 9/);
    expect(() => c.reconnect(9)).toThrow(/no node 9/);
    expect(() => c.setLink(0, 9, false)).toThrow(/no node 9/);
    expect(() => c.partition([0, 1], [2, 9])).toThrow(/no node 9/);
    expect(() => c.expireElectionTimer(9)).toThrow(/no node 9/);
    expect(JSON.stringify(c.trace())).toBe(before);
    expect(c.violations()).toEqual([]);
  });

  it('negative or non-finite durations throw a clear error', () => {
    const c = createCluster({ nodes: 3, seed: 842 });
    expect(() => c.run(-1)).toThrow('a duration must be a finite number >= 0, got -1');
    expect(() => c.run(Number.NaN)).toThrow(/duration/);
    expect(() => c.run(Number.POSITIVE_INFINITY)).toThrow(/duration/);
    expect(() => c.runUntil(() => false, -5)).toThrow(/duration.*-5/);
    expect(c.now).toBe(0);
    expect(c.violations()).toEqual([]);
  });

  it('bad network settings throw a clear error and leave the network as it was', () => {
    // init
    const c = createCluster({ nodes: 3, seed: 843 });
    // act + check
    expect(() => c.setNetwork({ dropRate: 1.5 })).toThrow(
      'network dropRate must be in [0, 1], got 1.5',
    );
    expect(() => c.setNetwork({ duplicateRate: -0.1 })).toThrow(/duplicateRate/);
    expect(() => c.setNetwork({ dropRate: Number.NaN })).toThrow(/dropRate/);
    expect(() => c.setNetwork({ delayMs: [5, 1] })).toThrow(/delayMs.*\[5, 1\]/);
    expect(() => c.setNetwork({ delayMs: [-1, 2] })).toThrow(/delayMs/);
    expect(() => c.setNetwork({ delayMs: [0, 2], dropRate: 2 })).toThrow(/dropRate/);
    // the network is still reliable with the default delay
    const leader = electLeader(c);
    c.run(100);
    c.submit(leader, 'x');
    for (const m of c.inFlight()) expect(m.deliverAt - m.sentAt).toBeGreaterThanOrEqual(1);
    expect(runUntilApplied(c, ids(c), 'x', 100)).toBe(true);
    expect(c.trace().filter((e) => e.kind === 'drop')).toEqual([]);
    expect(c.violations()).toEqual([]);
  });

  it('bad cluster options throw a clear error', () => {
    expect(() => createCluster({ nodes: 0, seed: 1 })).toThrow(/nodes must be an integer/);
    expect(() => createCluster({ nodes: 2.5, seed: 1 })).toThrow(/nodes/);
    expect(() => createCluster({ nodes: 3, seed: 1.5 })).toThrow(/seed/);
    expect(() => createCluster({ nodes: 3, seed: 1, electionTimeoutMs: [300, 150] })).toThrow(
      /electionTimeoutMs/,
    );
    expect(() => createCluster({ nodes: 3, seed: 1, heartbeatMs: 0 })).toThrow(/heartbeatMs/);
    expect(() => createCluster({ nodes: 3, seed: 1, network: { dropRate: 2 } })).toThrow(
      /dropRate/,
    );
    expect(() => createCluster({ nodes: 3, seed: 1, entriesPerAppendMax: 0 })).toThrow(
      /entriesPerAppendMax/,
    );
    // the boundary values are accepted and work
    const c = createCluster({
      nodes: 3,
      seed: 0,
      electionTimeoutMs: [150, 151],
      network: { delayMs: [0, 0], dropRate: 0, duplicateRate: 1 },
    });
    const leader = electLeader(c, 3000);
    c.submit(leader, 'x');
    expect(runUntilApplied(c, ids(c), 'x')).toBe(true);
    expect(c.violations()).toEqual([]);
  });
});

describe('client endpoints', () => {
  it('a client endpoint can only send ClientRequests: anything else is dropped before a node sees it', () => {
    const c = createCluster({ nodes: 3, seed: 8 });
    c.runUntil(() => c.leader() !== null, 2000);
    const leader = c.leader()!;
    const term = c.node(leader).term;
    c.sendMessage('c9', leader, { type: 'RequestVote', term: term + 5 } as never);
    c.run(20);
    expect(c.node(leader).term).toBe(term);
    expect(c.trace().some((e) => e.kind === 'drop' && e.reason === 'malformed')).toBe(true);
    expect(c.violations()).toEqual([]);
  });
});
