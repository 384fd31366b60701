import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../sim/trace';
import { ExplainedTrace } from './explained-trace';
import { type EventFilter, type EventGroup, groupOf, nodesOf, SHOW_ALL } from './filter';

const leader: TraceEvent = { t: 1, kind: 'role', node: 2, role: 'leader', term: 5 };
const vote: TraceEvent = { t: 1, kind: 'vote', node: 3, term: 5, candidate: 2, granted: true };
const send: TraceEvent = {
  t: 2,
  kind: 'send',
  id: 1,
  from: 2,
  to: 4,
  type: 'AppendEntries',
  term: 5,
  deliverAt: 5,
  message: { entries: [], leaderCommit: 0 },
};
const heartbeat: TraceEvent = { t: 2, kind: 'timeout', node: 2, timer: 'heartbeat' };
const call: TraceEvent = { t: 3, kind: 'client-call', client: 'c1', op: 'get', key: 'x' };
const crash: TraceEvent = { t: 4, kind: 'crash', node: 1 };
const cut: TraceEvent = { t: 4, kind: 'intervention', action: 'setLink', args: [0, 3, false] };
const split: TraceEvent = {
  t: 5,
  kind: 'intervention',
  action: 'partition',
  args: [[0, 1], [2]],
};

const only = (groups: EventGroup[], rest: Partial<EventFilter> = {}): EventFilter => ({
  ...SHOW_ALL,
  groups: new Set(groups),
  ...rest,
});

describe('event groups and nodes', () => {
  it('puts each kind of event in one group', () => {
    expect(groupOf(leader)).toBe('elections');
    expect(groupOf(vote)).toBe('elections');
    expect(groupOf({ t: 0, kind: 'timeout', node: 1, timer: 'election' })).toBe('elections');
    expect(groupOf(heartbeat)).toBe('replication');
    expect(groupOf({ t: 0, kind: 'commit', node: 1, commitIndex: 2 })).toBe('replication');
    expect(groupOf(send)).toBe('messages');
    expect(groupOf({ t: 0, kind: 'hold', id: 2 })).toBe('messages');
    expect(groupOf(call)).toBe('clients');
    expect(groupOf(crash)).toBe('faults');
    expect(groupOf(cut)).toBe('interventions');
  });

  it('knows which nodes an event is about, clients aside', () => {
    expect(nodesOf(vote)).toEqual([3, 2]);
    expect(nodesOf(send)).toEqual([2, 4]);
    expect(
      nodesOf({ t: 0, kind: 'deliver', id: 1, from: 'c1', to: 0, type: 'ClientRequest' }),
    ).toEqual([0]);
    expect(nodesOf(cut)).toEqual([0, 3]);
    expect(nodesOf(split)).toEqual([0, 1, 2]);
    expect(nodesOf({ t: 0, kind: 'intervention', action: 'crash', args: [4] })).toEqual([4]);
    expect(
      nodesOf({ t: 0, kind: 'intervention', action: 'setNetwork', args: [{ dropRate: 1 }] }),
    ).toEqual([]);
    expect(nodesOf(call)).toEqual([]);
    expect(
      nodesOf({ t: 0, kind: 'role', node: 1, role: 'follower', term: 5, leaderId: 2 }),
    ).toEqual([1, 2]);
  });
});

const trace = [leader, vote, send, heartbeat, call, crash, cut, split];

describe('filtering the event log', () => {
  const texts = (filter: EventFilter) =>
    new ExplainedTrace().update(trace, filter).map((item) => item.event);

  it('shows everything by default, oldest first', () => {
    expect(texts(SHOW_ALL)).toEqual(trace);
  });

  it('keeps only the chosen groups', () => {
    expect(texts(only(['elections']))).toEqual([leader, vote]);
    expect(texts(only(['faults', 'interventions']))).toEqual([crash, cut, split]);
    expect(texts(only([]))).toEqual([]);
  });

  it('keeps only events about one node', () => {
    expect(texts({ ...SHOW_ALL, node: 3 })).toEqual([vote, cut]);
    expect(texts({ ...SHOW_ALL, node: 1 })).toEqual([crash, split]);
  });

  it('searches the sentences, ignoring case and surrounding spaces', () => {
    expect(texts({ ...SHOW_ALL, text: '  Became LEADER ' })).toEqual([leader]);
    expect(texts({ ...SHOW_ALL, text: 'c1 calls' })).toEqual([call]);
    expect(texts({ ...SHOW_ALL, text: 'nothing like this' })).toEqual([]);
  });

  it('combines group, node and text', () => {
    expect(texts(only(['elections'], { node: 2, text: 'voted' }))).toEqual([vote]);
  });
});

describe('the explained trace follows the runtime trace incrementally', () => {
  it('explains only new events and keeps stable row keys', () => {
    const index = new ExplainedTrace();
    const first = [leader, vote];
    const rows1 = index.update(first, SHOW_ALL).map((r) => r.seq);
    const rows2 = index.update([...first, send], SHOW_ALL);
    expect(rows2.map((r) => r.seq)).toEqual([...rows1, rows1[1]! + 1]);
    expect(rows2.at(-1)!.text).toContain('AppendEntries');
  });

  it('lets go of the events the trace let go, and says how many rows went', () => {
    const index = new ExplainedTrace();
    index.update([leader, vote, send], SHOW_ALL);
    const rows = index.update([send, heartbeat], SHOW_ALL);
    expect(rows.map((r) => r.event)).toEqual([send, heartbeat]);
    expect(index.droppedFront).toBe(2);
  });

  it('refilters everything when the filter changes', () => {
    const index = new ExplainedTrace();
    index.update(trace, SHOW_ALL);
    expect(index.update(trace, only(['clients'])).map((r) => r.event)).toEqual([call]);
    expect(index.update([...trace, leader], only(['elections'])).length).toBe(3);
  });

  it('starts over for a trace that does not follow on (a new cluster)', () => {
    const index = new ExplainedTrace();
    index.update([leader, vote], SHOW_ALL);
    const other: TraceEvent = { t: 0, kind: 'crash', node: 0 };
    expect(index.update([other], SHOW_ALL).map((r) => r.event)).toEqual([other]);
  });

  it("names a client's call in its return", () => {
    const ret: TraceEvent = {
      t: 9,
      kind: 'client-return',
      client: 'c1',
      op: 'set',
      key: 'x',
      call: 8,
      attempts: 1,
      outcome: 'ok',
      result: { prevFound: true, prev: '0' },
    };
    const set: TraceEvent = {
      t: 8,
      kind: 'client-call',
      client: 'c1',
      op: 'set',
      key: 'x',
      value: '1',
    };
    const rows = new ExplainedTrace().update([set, ret], SHOW_ALL);
    expect(rows[1]!.text).toBe('c1: SET x 1 → ok, was 0 (1 ms)');
  });

  it('stays bounded and quick with 20,000 events', () => {
    const many: TraceEvent[] = Array.from({ length: 20_000 }, (_, i) => ({
      t: i,
      kind: 'commit',
      node: i % 5,
      commitIndex: i,
    }));
    const index = new ExplainedTrace();
    const started = performance.now();
    expect(index.update(many, SHOW_ALL).length).toBe(20_000);
    const next = [...many.slice(100), ...many.slice(0, 100).map((e) => ({ ...e }))];
    expect(index.update(next, { ...SHOW_ALL, node: 0 }).length).toBe(4000);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
