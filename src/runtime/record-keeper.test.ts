/**
 * The record keeper writes what changed, at most once per RECORD_WRITE_DELAY after a
 * change and never while nothing changes; the final write on close keeps the last state;
 * a resumed record begins a new segment and lets go of what the bounds no longer allow.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecordedIntervention } from '../sim/interventions';
import type { TraceEvent } from '../sim/trace';
import { type KeptCluster, RECORD_WRITE_DELAY, RecordKeeper } from './record-keeper';
import type { RecordWriter } from './record-store';
import {
  interventionsKey,
  META_KEY,
  type Meta,
  type RunRecord,
  SEGMENTS_MAX,
  STORY_KEY,
  startKey,
} from './run-record';
import { EMPTY_STORY, PAGE_WENT_AWAY, type RunStory } from './run-story';

class FakeCluster implements KeptCluster {
  now = 0;
  recorded: RecordedIntervention[] = [];
  clients: string[] = [];
  private listener: ((e: TraceEvent) => void) | null = null;
  get interventionCount() {
    return this.recorded.length;
  }
  interventions() {
    return this.recorded.slice();
  }
  kvClientIds() {
    return this.clients.slice();
  }
  onEvent(listener: (e: TraceEvent) => void) {
    this.listener = listener;
    return () => {
      this.listener = null;
    };
  }
  emit(e: TraceEvent) {
    this.listener?.(e);
  }
}

class FakeWriter implements RecordWriter {
  writes: Array<{ puts: Map<string, unknown>; deletes: readonly string[] }> = [];
  closed = false;
  fail = false;
  async write(puts: ReadonlyMap<string, unknown>, deletes: readonly string[]) {
    if (this.fail) throw new Error('QuotaExceededError');
    this.writes.push({ puts: new Map(puts), deletes });
  }
  close() {
    this.closed = true;
  }
  keysOf(n: number) {
    return [...this.writes[n]!.puts.keys()].sort();
  }
}

let cluster: FakeCluster;
let writer: FakeWriter;
let problems: string[];

function keeper(loaded: RunRecord | null = null): RecordKeeper {
  return new RecordKeeper({
    writer,
    loaded,
    cluster,
    state: [],
    onProblem: (m) => problems.push(m),
  });
}

/** Lets the timer fire and the write it starts finish. */
async function wait(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

beforeEach(() => {
  vi.useFakeTimers();
  cluster = new FakeCluster();
  writer = new FakeWriter();
  problems = [];
});
afterEach(() => vi.useRealTimers());

describe('the record keeper', () => {
  it('writes a second after a change, only what changed, and nothing while nothing changes', async () => {
    const k = keeper();
    k.changed();
    await wait(RECORD_WRITE_DELAY - 1);
    expect(writer.writes).toHaveLength(0);
    await wait(1);
    // The first write holds the new segment's start.
    expect(writer.keysOf(0)).toEqual(
      [interventionsKey(0), META_KEY, STORY_KEY, startKey(0)].sort(),
    );

    // Many changes within a second make one write.
    for (let i = 0; i < 10; i++) {
      cluster.now += 10;
      k.changed();
      await wait(50);
    }
    await wait(RECORD_WRITE_DELAY);
    expect(writer.writes).toHaveLength(2);
    expect(writer.keysOf(1)).toEqual([META_KEY]);
    expect((writer.writes[1]!.puts.get(META_KEY) as Meta).clock).toBe(cluster.now);

    // Asked again with nothing new (a paused page): no write.
    k.changed();
    await wait(RECORD_WRITE_DELAY * 5);
    expect(writer.writes).toHaveLength(2);

    cluster.recorded.push({ pops: 1, at: cluster.now, action: { type: 'addClient' } });
    cluster.clients = ['c1'];
    k.changed();
    await wait(RECORD_WRITE_DELAY);
    expect(writer.keysOf(2)).toEqual([interventionsKey(0), META_KEY, STORY_KEY].sort());
    expect((writer.writes[2]!.puts.get(STORY_KEY) as RunStory).clients).toEqual(['c1']);
  });

  it('keeps client events from the trace and the page notes in the story', async () => {
    const k = keeper();
    cluster.emit({ t: 1, kind: 'client-call', client: 'c1', op: 'get', key: 'x' });
    cluster.emit({ t: 1, kind: 'timeout', node: 0, timer: 'election' });
    k.note({ kind: 'refused', client: 'c1', text: 'FROB', error: 'unknown command FROB' });
    k.note({ kind: 'verdict', verdict: { status: 'ok' }, checkedOps: 1, checkedSignature: 's' });
    const story = k.story();
    expect(story.events.map((e) => e.kind)).toEqual(['client-call', 'refused']);
    expect(story.verdict).toEqual({
      verdict: { status: 'ok' },
      checkedOps: 1,
      checkedSignature: 's',
    });
    await wait(RECORD_WRITE_DELAY);
    expect(writer.writes[0]!.puts.get(STORY_KEY)).toEqual(story);
  });

  it('close makes the final write at once and writes nothing after it', async () => {
    const k = keeper();
    k.changed();
    cluster.now = 1234;
    await k.close();
    expect(writer.writes).toHaveLength(1);
    expect((writer.writes[0]!.puts.get(META_KEY) as Meta).clock).toBe(1234);
    expect(writer.closed).toBe(true);
    k.changed();
    await wait(RECORD_WRITE_DELAY * 2);
    expect(writer.writes).toHaveLength(1);
  });

  it('stop writes nothing more (the record is about to be deleted)', async () => {
    const k = keeper();
    k.changed();
    await k.stop();
    await wait(RECORD_WRITE_DELAY * 2);
    expect(writer.writes).toHaveLength(0);
    expect(writer.closed).toBe(true);
  });

  it('a failed write is reported once; the page goes on without writing', async () => {
    const k = keeper();
    writer.fail = true;
    k.changed();
    await wait(RECORD_WRITE_DELAY);
    cluster.now = 5;
    k.changed();
    await wait(RECORD_WRITE_DELAY);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/could not be saved \(QuotaExceededError\)/);
  });

  it('a resumed record begins a new segment, lets go of the oldest beyond the bound, closes waiting calls', async () => {
    const older = Array.from({ length: SEGMENTS_MAX }, (_, id) => ({
      id,
      start: id * 10,
      state: [],
      interventions: [],
    }));
    const loaded: RunRecord = {
      clock: 900,
      segments: older,
      story: {
        ...EMPTY_STORY,
        events: [{ t: 850, kind: 'client-call', client: 'c1', op: 'get', key: 'x' }],
        clients: ['c1'],
      },
    };
    cluster.now = 900;
    const k = keeper(loaded);
    expect(k.restoredClients).toEqual(['c1']);
    const segments = k.segments();
    expect(segments).toHaveLength(SEGMENTS_MAX);
    expect(segments.map((s) => s.id).slice(0, 2)).toEqual([1, 2]);
    expect(segments.at(-1)).toMatchObject({ id: SEGMENTS_MAX, start: 900 });
    expect(k.story().events.at(-1)).toMatchObject({
      kind: 'client-return',
      t: 900,
      call: 850,
      outcome: 'unknown',
      error: PAGE_WENT_AWAY,
    });
    k.changed();
    await wait(RECORD_WRITE_DELAY);
    expect(writer.writes[0]!.deletes).toEqual([startKey(0), interventionsKey(0)]);
    expect((writer.writes[0]!.puts.get(META_KEY) as Meta).segments).toHaveLength(SEGMENTS_MAX);
  });
});
