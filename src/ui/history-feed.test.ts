/**
 * The console's rows come from the trace's client calls and returns, so a live run, a
 * replayed shared run and a reloaded page show them the same way; a line typed here shows
 * at once and is matched to its call; refused lines are the page's own.
 */
import { describe, expect, it } from 'vitest';
import type { RunStory } from '../runtime/run-story';
import { PAGE_WENT_AWAY } from '../runtime/run-story';
import type { TraceEvent } from '../sim/trace';
import {
  addConsoleEntry,
  applyClientEvents,
  type ClientFeedState,
  sentRow,
  storyState,
  withEarlyRows,
} from './history-feed';
import { initialState } from './store/store';

type Call = Extract<TraceEvent, { kind: 'client-call' }>;
type Return = Extract<TraceEvent, { kind: 'client-return' }>;

const call = (t: number, fields: Partial<Call> = {}): Call => ({
  kind: 'client-call',
  t,
  client: 'c1',
  op: 'set',
  key: 'x',
  value: '1',
  ...fields,
});
const ret = (t: number, at: number, fields: Partial<Return> = {}): Return => ({
  kind: 'client-return',
  t,
  client: 'c1',
  op: 'set',
  key: 'x',
  call: at,
  attempts: 1,
  outcome: 'ok',
  result: { prevFound: false },
  ...fields,
});

const empty = (): ClientFeedState => ({ history: initialState().history, console: [] });
const rowsOf = (s: ClientFeedState) =>
  s.console.map(({ client, text, status, call: at }) => ({ client, text, status, call: at }));

describe('console rows from the trace', () => {
  it('a replayed run shows a row for each call, reading like a typed command', () => {
    const long = 'v'.repeat(500);
    const s = applyClientEvents(empty(), [
      call(10),
      ret(25, 10),
      call(30, { client: 'c2', op: 'cas', expected: null, value: '2' }),
      call(31, { op: 'append', value: long }),
      ret(60, 30, {
        client: 'c2',
        op: 'cas',
        result: { prevFound: true, prev: '1', swapped: false },
      }),
      call(70, { client: 'c2', op: 'get', value: undefined }),
    ]);
    expect(rowsOf(s)).toEqual([
      { client: 'c1', text: 'SET x 1', status: 'ok', call: 10 },
      { client: 'c2', text: 'CAS x ∅ 2', status: 'ok', call: 30 },
      // Values in full: the row cuts long cells itself.
      { client: 'c1', text: `APPEND x ${long}`, status: 'pending', call: 31 },
      { client: 'c2', text: 'GET x', status: 'pending', call: 70 },
    ]);
    expect(s.console[0]).toMatchObject({ latency: 15, attempts: 1, result: { prevFound: false } });
    expect(new Set(s.console.map((c) => c.id)).size).toBe(4);
    expect(s.history.ops).toHaveLength(4);
  });

  it('a line sent from the console shows at once, and its call and return fill it in', () => {
    let s = empty();
    const typed = sentRow(s.console, 'c1', 'SET x 1');
    s = { ...s, console: addConsoleEntry(s.console, typed) };
    // A call of the same client that is not that line (the test API) gets its own row.
    s = applyClientEvents(s, [call(5, { op: 'get', value: undefined })]);
    s = applyClientEvents(s, [ret(8, 5, { op: 'get', result: { found: false } }), call(9)]);
    expect(rowsOf(s)).toEqual([
      { client: 'c1', text: 'SET x 1', status: 'pending', call: 9 },
      { client: 'c1', text: 'GET x', status: 'ok', call: 5 },
    ]);
    expect(s.console[0]!.id).toBe(typed.id);
    s = applyClientEvents(s, [ret(20, 9)]);
    expect(s.console[0]).toMatchObject({ id: typed.id, status: 'ok', latency: 11 });
  });
});

describe('each try of a call', () => {
  const send = (
    t: number,
    from: number | string,
    to: number | string,
    type: string,
    message: unknown,
    lost = false,
  ) =>
    ({
      kind: 'send',
      t,
      id: t,
      from,
      to,
      type,
      term: 1,
      deliverAt: lost ? null : t + 1,
      message,
    }) as TraceEvent;
  it('says which node each request went to and what it answered', () => {
    const state = applyClientEvents(empty(), [
      call(1),
      send(2, 'c1', 0, 'ClientRequest', {}),
      send(3, 0, 'c1', 'ClientReply', {
        type: 'ClientReply',
        status: 'notLeader',
        seq: 1,
        leaderHint: 2,
      }),
      send(4, 'c1', 2, 'ClientRequest', {}, true),
      send(5, 'c1', 2, 'ClientRequest', {}),
      send(6, 2, 'c1', 'ClientReply', {
        type: 'ClientReply',
        status: 'done',
        seq: 1,
        response: { ok: true },
      }),
      ret(7, 1, { attempts: 3 }),
    ]);
    expect(state.console[0]!.tries).toEqual([
      { to: 0, answer: 'not leader, try S3' },
      { to: 2, answer: 'lost on the way' },
      { to: 2, answer: 'done' },
    ]);
  });
});

describe('the story after a reload or of a shared run', () => {
  const story: RunStory = {
    events: [
      call(10),
      ret(25, 10),
      { kind: 'refused', t: 26, client: 'c1', text: 'FROB x', error: 'unknown command FROB' },
      call(30, { value: '2' }),
      // What the scheduler adds for a call the page left waiting.
      ret(400, 30, { attempts: 0, outcome: 'unknown', result: undefined, error: PAGE_WENT_AWAY }),
    ],
    callsDropped: 7,
    verdict: { verdict: { status: 'ok' }, checkedOps: 2, checkedSignature: '2/1/10/30' },
    clients: ['c1'],
  };

  it('tells the console rows in order, refused lines included, and the waiting call as unknown', () => {
    const s = storyState(story, initialState().history);
    expect(rowsOf(s)).toEqual([
      { client: 'c1', text: 'SET x 1', status: 'ok', call: 10 },
      { client: 'c1', text: 'FROB x', status: 'refused', call: undefined },
      { client: 'c1', text: 'SET x 2', status: 'unknown', call: 30 },
    ]);
    expect(s.console[2]).toMatchObject({ error: PAGE_WENT_AWAY });
    expect(s.console[2]).not.toHaveProperty('attempts');
  });

  it('tells the history with its verdict, numbered from the start of the run', () => {
    const { history } = storyState(story, initialState().history);
    expect(history.ops.map((op) => [op.call, op.ret, op.outcome])).toEqual([
      [10, 25, 'ok'],
      [30, null, 'unknown'],
    ]);
    expect(history).toMatchObject({
      verdict: { status: 'ok' },
      checkedOps: 2,
      checkedSignature: '2/1/10/30',
      dropped: 7,
    });
    const checking = {
      ...story,
      verdict: { ...story.verdict!, verdict: { status: 'checking' as const } },
    };
    expect(storyState(checking, initialState().history).history.verdict).toEqual({
      status: 'unchecked',
    });
  });

  it('rows typed before the story came stay after it, every id once', () => {
    const restored = storyState(story, initialState().history).console;
    const early = [sentRow([], 'c1', 'GET x')];
    const rows = withEarlyRows(restored, early);
    expect(rows.map((r) => r.text)).toEqual(['SET x 1', 'FROB x', 'SET x 2', 'GET x']);
    expect(rows.at(-1)).toBe(early[0]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(4);
  });
});
