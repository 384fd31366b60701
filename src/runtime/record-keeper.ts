/**
 * Keeps the run record (run-record.ts) in the scheduler worker, next to the cluster: the
 * kept segments plus the one this page load began, and the story (client events from the
 * trace, the page's notes). It writes only what changed, at most once per
 * RECORD_WRITE_DELAY of wall time after a change, and nothing while nothing changes (a
 * paused page never writes); `close` makes the final write. The page's main thread does
 * none of this work.
 */
import type { DurableState } from '../raft/types';
import type { RecordedIntervention } from '../sim/interventions';
import type { TraceEvent } from '../sim/trace';
import { errorText, type RecordWriter } from './record-store';
import {
  encodeInterventions,
  encodeMeta,
  encodeStart,
  interventionsKey,
  keptSegments,
  META_KEY,
  type RunRecord,
  type Segment,
  STORY_KEY,
  startKey,
} from './run-record';
import { type PageNote, type RunStory, StoryLog } from './run-story';

/** Wall ms from a change to the write that keeps it (losing this much on a hard close is fine). */
export const RECORD_WRITE_DELAY = 1000;

/** What the keeper reads from the cluster (a LiveCluster). */
export interface KeptCluster {
  readonly now: number;
  readonly interventionCount: number;
  interventions(): RecordedIntervention[];
  kvClientIds(): string[];
  onEvent(listener: (e: TraceEvent) => void): () => void;
}

export interface KeeperOptions {
  /** null: nothing is written (IndexedDB is missing), segments are still kept for the page's life. */
  readonly writer: RecordWriter | null;
  /** The record this page load resumes; null for a fresh one. */
  readonly loaded: RunRecord | null;
  /** Started: its clock is where this segment begins. */
  readonly cluster: KeptCluster;
  /** Each node's durable state as it started. */
  readonly state: readonly DurableState[];
  readonly onProblem: (message: string) => void;
  readonly writeDelay?: number;
}

export class RecordKeeper {
  private readonly cluster: KeptCluster;
  private readonly older: readonly Segment[];
  private readonly current: Pick<Segment, 'id' | 'start' | 'state'>;
  private readonly log: StoryLog;
  /** Parts of segments let go when this one began: deleted with the first write. */
  private readonly droppedKeys: readonly string[];
  private readonly stopListening: () => void;
  private readonly writeDelay: number;
  private readonly onProblem: (message: string) => void;
  private writer: RecordWriter | null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private tail: Promise<void> = Promise.resolve();
  private written = { start: false, clock: Number.NaN, story: -1, interventions: -1 };
  private closed = false;

  constructor(o: KeeperOptions) {
    this.cluster = o.cluster;
    this.writer = o.writer;
    this.onProblem = o.onProblem;
    this.writeDelay = o.writeDelay ?? RECORD_WRITE_DELAY;
    const loaded = o.loaded;
    const start = o.cluster.now;
    const id = loaded === null ? 0 : loaded.segments.at(-1)!.id + 1;
    this.current = { id, start, state: o.state };
    const { kept, dropped } = keptSegments(loaded?.segments ?? [], {
      ...this.current,
      interventions: [],
    });
    this.older = kept.slice(0, -1);
    this.droppedKeys = dropped.flatMap((s) => [startKey(s.id), interventionsKey(s.id)]);
    this.log = new StoryLog(loaded?.story);
    this.log.closePending(start);
    this.stopListening = o.cluster.onEvent((e) => {
      if (e.kind === 'client-call' || e.kind === 'client-return') this.log.push(e);
    });
  }

  /** The client ids of the resumed run: creating them again gives the same ids back. */
  get restoredClients(): readonly string[] {
    return this.log.clientIds;
  }

  /** Kept segments, oldest first; the last is this page load's, with its interventions so far. */
  segments(): Segment[] {
    return [...this.older, { ...this.current, interventions: this.cluster.interventions() }];
  }

  story(): RunStory {
    this.log.setClients(this.cluster.kvClientIds());
    return this.log.story();
  }

  /** Something only the page knows: a refused console line, a settled verdict. */
  note(note: PageNote): void {
    if (note.kind === 'refused') {
      const { client, text, error } = note;
      this.log.push({ kind: 'refused', t: this.cluster.now, client, text, error });
    } else {
      const { verdict, checkedOps, checkedSignature } = note;
      this.log.setVerdict({ verdict, checkedOps, checkedSignature });
    }
    this.changed();
  }

  /** The run may have moved: writes what changed, RECORD_WRITE_DELAY from now. Cheap to call often. */
  changed(): void {
    if (this.timer !== null || this.closed || this.writer === null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.writeDelay);
  }

  /** Writes what changed now (after any write under way). */
  flush(): Promise<void> {
    this.tail = this.tail.then(() => this.writeChanges());
    return this.tail;
  }

  /** The final write; nothing is written after it. */
  async close(): Promise<void> {
    this.cancelTimer();
    this.closed = true;
    await this.flush();
    this.detach();
  }

  /** Stops writing at once, without a final write (the record is about to be deleted). */
  async stop(): Promise<void> {
    this.cancelTimer();
    this.closed = true;
    await this.tail;
    this.detach();
  }

  private detach(): void {
    this.stopListening();
    this.writer?.close();
    this.writer = null;
  }

  private cancelTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async writeChanges(): Promise<void> {
    const writer = this.writer;
    if (writer === null) return;
    const c = this.cluster;
    this.log.setClients(c.kvClientIds());
    const puts = new Map<string, unknown>();
    const { id } = this.current;
    if (!this.written.start) puts.set(startKey(id), encodeStart(this.current));
    const interventions = c.interventionCount;
    if (interventions !== this.written.interventions)
      puts.set(interventionsKey(id), encodeInterventions(c.interventions()));
    const story = this.log.version;
    if (story !== this.written.story) puts.set(STORY_KEY, this.log.story());
    const clock = c.now;
    if (puts.size === 0 && clock === this.written.clock) return;
    puts.set(META_KEY, encodeMeta(clock, [...this.older, this.current]));
    try {
      await writer.write(puts, this.written.start ? [] : this.droppedKeys);
    } catch (e) {
      this.writer = null;
      writer.close();
      this.onProblem(
        `The run's record could not be saved (${errorText(e)}): after a reload, the clock, console and history will start afresh.`,
      );
      return;
    }
    this.written = { start: true, clock, story, interventions };
  }
}
