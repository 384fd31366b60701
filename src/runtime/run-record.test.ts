/**
 * The run record's format: what is written reads back the same; a missing record is a
 * fresh start; anything of another version, malformed or beyond a bound is answered with
 * a sentence and set aside; the segments kept when a new one begins respect the bounds.
 */
import { describe, expect, it } from 'vitest';
import type { DurableState, Entry } from '../raft/types';
import { INTERVENTIONS_MAX } from './live-cluster';
import { decodeRecord } from './record-decode';
import {
  encodeRecord,
  interventionsKey,
  keptSegments,
  META_KEY,
  type RunRecord,
  SEGMENTS_MAX,
  type Segment,
  START_ENTRIES_MAX,
  STORY_KEY,
  startKey,
} from './run-record';
import {
  CLIENTS_MAX,
  EMPTY_STORY,
  REFUSED_TEXT_CHARS_MAX,
  STORY_CHARS_MAX,
  STORY_EVENTS_MAX,
} from './run-story';

const NODES = 3;
const entries = (n: number): Entry[] =>
  Array.from({ length: n }, (_, i) => ({ index: i + 1, term: 1, command: null }));
const state = (logLength = 2): DurableState[] =>
  Array.from({ length: NODES }, () => ({
    hardState: { term: 1, votedFor: 0 },
    log: entries(logLength),
  }));
const segment = (id: number, start: number, logLength = 2): Segment => ({
  id,
  start,
  state: state(logLength),
  interventions: [
    { pops: 3, at: start, action: { type: 'addClient' } },
    {
      pops: 9,
      at: start + 5,
      action: { type: 'kv', client: 'c1', command: { op: 'get', key: 'x' } },
    },
  ],
});

const record: RunRecord = {
  clock: 2500,
  segments: [segment(0, 0), segment(1, 1200.5)],
  story: {
    events: [
      { kind: 'client-call', t: 10, client: 'c1', op: 'set', key: 'x', value: '1' },
      {
        kind: 'client-return',
        t: 30,
        client: 'c1',
        op: 'set',
        key: 'x',
        call: 10,
        attempts: 1,
        outcome: 'ok',
        result: { prevFound: false },
      },
      { kind: 'refused', t: 40, client: 'c1', text: 'FROB x', error: 'unknown command FROB' },
    ],
    callsDropped: 0,
    verdict: { verdict: { status: 'ok' }, checkedOps: 1, checkedSignature: '1/1/10/10' },
    clients: ['c1'],
  },
};

/** The stored parts with one changed (`undefined` removes it). */
function withPart(key: string, value: unknown): Map<string, unknown> {
  const parts = encodeRecord(record);
  if (value === undefined) parts.delete(key);
  else parts.set(key, value);
  return parts;
}

const problemOf = (parts: Map<string, unknown>) => decodeRecord(parts, NODES).problem;
const meta = (m: object) => ({ version: 1, clock: 2500, segments: [{ id: 0, start: 0 }], ...m });
const story = (s: object) => ({ ...record.story, ...s });

describe('the run record', () => {
  it('reads back what was written', () => {
    const parts = structuredClone(encodeRecord(record));
    expect(decodeRecord(parts, NODES)).toEqual({ record, problem: null });
  });

  it('a missing record is a fresh start, not a problem', () => {
    expect(decodeRecord(new Map(), NODES)).toEqual({ record: null, problem: null });
  });

  it('a record of another format version is set aside with a sentence', () => {
    expect(problemOf(withPart(META_KEY, meta({ version: 2 })))).toBe(
      'its format version is 2, this app reads version 1',
    );
  });

  it.each([
    ['parts without a meta record', withPart(META_KEY, undefined), /without its meta record/],
    ['a meta record that is not an object', withPart(META_KEY, 'garbage'), /not an object/],
    ['a negative clock', withPart(META_KEY, meta({ clock: -1 })), /clock is not a time/],
    [
      'segments out of order',
      withPart(
        META_KEY,
        meta({
          segments: [
            { id: 1, start: 1200.5 },
            { id: 0, start: 0 },
          ],
        }),
      ),
      /out of order/,
    ],
    [
      'a clock before the last segment',
      withPart(META_KEY, meta({ clock: 10, segments: [{ id: 1, start: 1200.5 }] })),
      /clock is earlier/,
    ],
    [
      'a missing starting state',
      withPart(startKey(1), undefined),
      /segment 1's starting state: it is missing/,
    ],
    [
      'a state for the wrong number of nodes',
      withPart(startKey(0), { state: state().slice(1) }),
      /not one state per node/,
    ],
    [
      'a log with a hole',
      withPart(startKey(0), {
        state: [
          ...state().slice(1),
          { hardState: { term: 1, votedFor: null }, log: [entries(3)[2]] },
        ],
      }),
      /node 2: log entry 1 is malformed/,
    ],
    [
      'a vote for no such node',
      withPart(startKey(0), {
        state: [{ hardState: { term: 1, votedFor: 7 }, log: [] }, ...state().slice(1)],
      }),
      /node 0: the vote is malformed/,
    ],
    [
      'missing interventions',
      withPart(interventionsKey(0), undefined),
      /interventions: they are missing/,
    ],
    [
      'an intervention of no known kind',
      withPart(interventionsKey(0), { interventions: [{ at: 1, action: { type: 'explode' } }] }),
      /unknown intervention "explode"/,
    ],
    [
      'an intervention before its segment began',
      withPart(interventionsKey(1), { interventions: [{ at: 3, action: { type: 'heal' } }] }),
      /intervention 1 is malformed/,
    ],
    ['a missing story', withPart(STORY_KEY, undefined), /console and history: missing/],
    [
      'a malformed client event',
      withPart(
        STORY_KEY,
        story({ events: [{ kind: 'client-call', t: 1, client: 'c1', op: 'frob', key: 'x' }] }),
      ),
      /event 1 is malformed/,
    ],
    [
      'a malformed client id',
      withPart(STORY_KEY, story({ clients: ['<script>'] })),
      /client ids are malformed/,
    ],
    [
      'a malformed verdict',
      withPart(
        STORY_KEY,
        story({ verdict: { verdict: { status: 'illegal' }, checkedOps: 1, checkedSignature: '' } }),
      ),
      /verdict is malformed/,
    ],
  ])('%s is set aside with a sentence', (_, parts, problem) => {
    const decoded = decodeRecord(parts, NODES);
    expect(decoded.record).toBeNull();
    expect(decoded.problem).toMatch(problem);
  });
});

describe('the bounds of the run record', () => {
  it(`keeps at most SEGMENTS_MAX (${SEGMENTS_MAX}) segments, the newest, and reads no more`, () => {
    const older = Array.from({ length: SEGMENTS_MAX + 2 }, (_, i) => segment(i, i * 100, 0));
    const next = segment(SEGMENTS_MAX + 2, 5000, 0);
    const { kept, dropped } = keptSegments(older, next);
    expect(kept).toHaveLength(SEGMENTS_MAX);
    expect(kept.at(-1)).toBe(next);
    expect(kept[0]!.id).toBe(3);
    expect(dropped.map((s) => s.id)).toEqual([0, 1, 2]);

    const tooMany = encodeRecord({
      ...record,
      clock: 9000,
      segments: [...older.slice(-SEGMENTS_MAX), next],
    });
    expect(problemOf(tooMany)).toBe(`it lists more than ${SEGMENTS_MAX} segments`);
  });

  it(`keeps older segments only while their starting states hold at most START_ENTRIES_MAX (${START_ENTRIES_MAX}) entries`, () => {
    // Each of these starts from NODES logs of a third of the bound.
    const third = Math.floor(START_ENTRIES_MAX / NODES / 3);
    const older = [segment(0, 0, third), segment(1, 100, third), segment(2, 200, third)];
    const next = segment(3, 300, third);
    const { kept, dropped } = keptSegments(older, next);
    expect(kept.map((s) => s.id)).toEqual([1, 2, 3]);
    expect(dropped.map((s) => s.id)).toEqual([0]);
    // The current segment is kept whatever its size.
    const huge = segment(4, 400, START_ENTRIES_MAX);
    expect(keptSegments(kept, huge).kept).toEqual([huge]);

    const over = encodeRecord({ ...record, clock: 400, segments: [...older, next] });
    expect(problemOf(over)).toBe(`its segments start from more than ${START_ENTRIES_MAX} entries`);
  });

  it(`reads at most INTERVENTIONS_MAX (${INTERVENTIONS_MAX}) interventions in a segment`, () => {
    const list = Array.from({ length: INTERVENTIONS_MAX + 1 }, () => ({
      at: 1,
      action: { type: 'heal' },
    }));
    expect(problemOf(withPart(interventionsKey(0), { interventions: list }))).toBe(
      `segment 0's interventions: more than ${INTERVENTIONS_MAX}`,
    );
  });

  it(`reads at most STORY_EVENTS_MAX (${STORY_EVENTS_MAX}) story events and CLIENTS_MAX (${CLIENTS_MAX}) clients`, () => {
    const events = Array.from({ length: STORY_EVENTS_MAX + 1 }, (_, t) => ({
      kind: 'refused',
      t,
      client: 'c1',
      text: 'x',
      error: 'e',
    }));
    expect(problemOf(withPart(STORY_KEY, story({ events })))).toMatch(
      `more than ${STORY_EVENTS_MAX} events`,
    );
    const clients = Array.from({ length: CLIENTS_MAX + 1 }, (_, i) => `c${i + 1}`);
    expect(problemOf(withPart(STORY_KEY, story({ clients })))).toMatch(
      `more than ${CLIENTS_MAX} clients`,
    );
    expect(problemOf(withPart(STORY_KEY, EMPTY_STORY))).toBeNull();
  });

  it(`reads at most STORY_CHARS_MAX (${STORY_CHARS_MAX}) characters and refused lines of REFUSED_TEXT_CHARS_MAX (${REFUSED_TEXT_CHARS_MAX})`, () => {
    const value = 'v'.repeat(64 * 1024);
    const events = Array.from(
      { length: Math.ceil(STORY_CHARS_MAX / value.length) + 1 },
      (_, t) => ({
        kind: 'client-call',
        t,
        client: 'c1',
        op: 'set',
        key: 'x',
        value,
      }),
    );
    expect(problemOf(withPart(STORY_KEY, story({ events })))).toMatch(
      `more than ${STORY_CHARS_MAX} characters`,
    );
    const line = (n: number) => ({
      kind: 'refused',
      t: 1,
      client: 'c1',
      text: 'x'.repeat(n),
      error: 'e',
    });
    expect(
      problemOf(withPart(STORY_KEY, story({ events: [line(REFUSED_TEXT_CHARS_MAX)] }))),
    ).toBeNull();
    expect(
      problemOf(withPart(STORY_KEY, story({ events: [line(REFUSED_TEXT_CHARS_MAX + 1)] }))),
    ).toMatch(/event 1 is malformed/);
  });
});
