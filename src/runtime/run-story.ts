/**
 * The run's story: what the page shows besides the cluster itself. The client calls and
 * returns (the page rebuilds the KV history and the console rows from them, as it does
 * from the live trace), the console lines refused before they were sent, the last
 * linearizability verdict and the client ids. The scheduler keeps it with the run record
 * (run-record.ts) and hands it to the page when the cluster starts.
 */
import type { Verdict } from '../check/linearizability/verdict';
import type { TraceEvent } from '../sim/trace';

export type ClientEvent = Extract<TraceEvent, { kind: 'client-call' | 'client-return' }>;

/** A console line refused before it was sent (bad syntax): only the page knows it. */
export interface RefusedLine {
  readonly kind: 'refused';
  readonly t: number;
  readonly client: string;
  readonly text: string;
  readonly error: string;
}

export type StoryEvent = ClientEvent | RefusedLine;

/** The page's last settled linearizability check (see HistoryState). */
export interface VerdictNote {
  readonly verdict: Verdict;
  readonly checkedOps: number;
  readonly checkedSignature: string;
}

/** What only the page knows, sent to the scheduler to be kept. */
export type PageNote =
  | {
      readonly kind: 'refused';
      readonly client: string;
      readonly text: string;
      readonly error: string;
    }
  | ({ readonly kind: 'verdict' } & VerdictNote);

export interface RunStory {
  /** Oldest first. */
  readonly events: readonly StoryEvent[];
  /** Calls let go from the front to respect the bounds: the history numbers ops from the run's start. */
  readonly callsDropped: number;
  readonly verdict: VerdictNote | null;
  readonly clients: readonly string[];
}

/** Most events kept: the page's 5,000 history ops (a call and a return each), and some. */
export const STORY_EVENTS_MAX = 12_000;
/** Most characters of keys, values, results and texts in the kept events (values reach 64 KiB). */
export const STORY_CHARS_MAX = 4_000_000;
/** A refused line is kept cut to this length (a pasted line may be 140,000 characters). */
export const REFUSED_TEXT_CHARS_MAX = 1000;
/** Most client ids kept (and created again after a reload). */
export const CLIENTS_MAX = 100;

/** What a call that was waiting when the page went away says after the reload. */
export const PAGE_WENT_AWAY =
  'the page went away before the answer came: it may or may not have been applied';

export const EMPTY_STORY: RunStory = { events: [], callsDropped: 0, verdict: null, clients: [] };

/** The scheduler's copy of the story: grows with the run, bounded, oldest let go first. */
export class StoryLog {
  private events: StoryEvent[];
  private chars = 0;
  private callsDropped: number;
  private verdict: VerdictNote | null;
  private clients: readonly string[];
  /** Changes whenever the story does (the record is written when it moved). */
  version = 0;

  constructor(initial: RunStory = EMPTY_STORY) {
    this.events = [];
    this.callsDropped = initial.callsDropped;
    this.verdict = initial.verdict;
    this.clients = initial.clients.slice(0, CLIENTS_MAX);
    for (const e of initial.events) this.push(e);
    this.version = 0;
  }

  push(e: StoryEvent): void {
    const kept = e.kind === 'refused' ? { ...e, text: cut(e.text, REFUSED_TEXT_CHARS_MAX) } : e;
    this.events.push(kept);
    this.chars += charsOf(kept);
    this.version++;
    if (this.events.length > STORY_EVENTS_MAX || this.chars > STORY_CHARS_MAX) this.trim();
  }

  setVerdict(note: VerdictNote): void {
    this.verdict = note;
    this.version++;
  }

  setClients(ids: readonly string[]): void {
    const kept = ids.slice(0, CLIENTS_MAX);
    if (kept.length === this.clients.length && kept.every((id, i) => id === this.clients[i]))
      return;
    this.clients = kept;
    this.version++;
  }

  /**
   * Every call still waiting for its answer returns now with outcome unknown: the page
   * went away, so it may or may not have taken effect (the checker keeps it open-ended).
   */
  closePending(t: number): void {
    const open = new Map<string, Extract<ClientEvent, { kind: 'client-call' }>>();
    for (const e of this.events) {
      if (e.kind === 'client-call') open.set(`${e.client}@${e.t}`, e);
      else if (e.kind === 'client-return') open.delete(`${e.client}@${e.call}`);
    }
    for (const call of open.values()) {
      this.push({
        kind: 'client-return',
        t,
        client: call.client,
        op: call.op,
        key: call.key,
        call: call.t,
        attempts: 0,
        outcome: 'unknown',
        error: PAGE_WENT_AWAY,
      });
    }
  }

  /** The client ids as last set (the ones a reload creates again). */
  get clientIds(): readonly string[] {
    return this.clients;
  }

  story(): RunStory {
    return {
      events: this.events.slice(),
      callsDropped: this.callsDropped,
      verdict: this.verdict,
      clients: this.clients,
    };
  }

  /** Lets go of the oldest events, a tenth of the bound at a time (not one per push). */
  private trim(): void {
    let drop = 0;
    let chars = this.chars;
    const countMax = STORY_EVENTS_MAX - Math.floor(STORY_EVENTS_MAX / 10);
    const charsMax = STORY_CHARS_MAX - Math.floor(STORY_CHARS_MAX / 10);
    while (
      drop < this.events.length - 1 &&
      (this.events.length - drop > countMax || chars > charsMax)
    ) {
      const e = this.events[drop]!;
      chars -= charsOf(e);
      if (e.kind === 'client-call') this.callsDropped++;
      drop++;
    }
    this.events = this.events.slice(drop);
    this.chars = chars;
  }
}

/** The characters an event holds in strings (what makes one event large). */
export function charsOf(e: StoryEvent): number {
  if (e.kind === 'refused') return e.client.length + e.text.length + e.error.length;
  let n = e.client.length + e.key.length;
  if (e.kind === 'client-call') return n + (e.value?.length ?? 0) + (e.expected?.length ?? 0);
  n += e.error?.length ?? 0;
  const r = e.result;
  return r === undefined ? n : n + (r.value?.length ?? 0) + (r.prev?.length ?? 0);
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
