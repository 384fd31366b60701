/**
 * Reading a run record back (run-record.ts): every part is checked, and anything that
 * is not what this version writes, or beyond a bound, is answered with a sentence saying
 * what is wrong. The record is then set aside as a whole: a page never starts from half
 * of one.
 */
import type { DurableState } from '../raft/types';
import { interventionProblem, type RecordedIntervention } from '../sim/interventions';
import { INTERVENTIONS_MAX } from './live-cluster';
import {
  interventionsKey,
  META_KEY,
  type Meta,
  RECORD_FORMAT_VERSION,
  type RunRecord,
  SEGMENTS_MAX,
  type Segment,
  START_ENTRIES_MAX,
  STORY_KEY,
  startEntries,
  startKey,
} from './run-record';
import {
  CLIENTS_MAX,
  charsOf,
  REFUSED_TEXT_CHARS_MAX,
  type RunStory,
  STORY_CHARS_MAX,
  STORY_EVENTS_MAX,
  type StoryEvent,
} from './run-story';

type Problem = string | null;
type Fields = Partial<Record<string, unknown>>;

/**
 * The record from its stored parts, for a cluster of `nodes` nodes: null with no problem
 * when nothing is stored, null with a sentence when it cannot be trusted.
 */
export function decodeRecord(
  parts: ReadonlyMap<string, unknown>,
  nodes: number,
): { record: RunRecord | null; problem: string | null } {
  const meta = parts.get(META_KEY);
  if (meta === undefined) {
    const problem = parts.size === 0 ? null : 'its parts are there without its meta record';
    return { record: null, problem };
  }
  const problem = metaProblem(meta);
  if (problem !== null) return { record: null, problem };
  const m = meta as Meta;
  const segments: Segment[] = [];
  for (const { id, start } of m.segments) {
    const s = parts.get(startKey(id)) as Fields | undefined;
    const i = parts.get(interventionsKey(id)) as Fields | undefined;
    const bad =
      typeof s === 'object' && s !== null ? statesProblem(s.state, nodes) : 'it is missing';
    if (bad !== null) return { record: null, problem: `segment ${id}'s starting state: ${bad}` };
    const badList =
      typeof i === 'object' && i !== null
        ? interventionsProblem(i.interventions, nodes, start)
        : 'they are missing';
    if (badList !== null)
      return { record: null, problem: `segment ${id}'s interventions: ${badList}` };
    segments.push({
      id,
      start,
      state: s!.state as DurableState[],
      interventions: i!.interventions as RecordedIntervention[],
    });
  }
  if (segments.length > 1 && segments.reduce((n, s) => n + startEntries(s), 0) > START_ENTRIES_MAX)
    return {
      record: null,
      problem: `its segments start from more than ${START_ENTRIES_MAX} entries`,
    };
  const story = parts.get(STORY_KEY);
  const storyBad = storyProblem(story);
  if (storyBad !== null) return { record: null, problem: `its console and history: ${storyBad}` };
  return { record: { clock: m.clock, segments, story: story as RunStory }, problem: null };
}

function metaProblem(meta: unknown): Problem {
  if (typeof meta !== 'object' || meta === null) return 'its meta record is not an object';
  const m = meta as Fields;
  if (m.version !== RECORD_FORMAT_VERSION) {
    return `its format version is ${JSON.stringify(m.version)}, this app reads version ${RECORD_FORMAT_VERSION}`;
  }
  if (!isTime(m.clock)) return 'its clock is not a time';
  const list = m.segments;
  if (!Array.isArray(list) || list.length === 0) return 'it lists no segments';
  if (list.length > SEGMENTS_MAX) return `it lists more than ${SEGMENTS_MAX} segments`;
  let previous: { id: number; start: number } | null = null;
  for (const s of list as Fields[]) {
    if (typeof s !== 'object' || s === null || !isCount(s.id) || !isTime(s.start))
      return 'a segment in its list is malformed';
    if (previous !== null && (s.id <= previous.id || s.start < previous.start))
      return 'its segments are out of order';
    previous = { id: s.id, start: s.start };
  }
  if (previous !== null && previous.start > (m.clock as number))
    return 'its clock is earlier than its last segment';
  return null;
}

function statesProblem(states: unknown, nodes: number): Problem {
  if (!Array.isArray(states) || states.length !== nodes) return `it is not one state per node`;
  for (const [id, state] of states.entries()) {
    const problem = durableProblem(state, nodes);
    if (problem !== null) return `node ${id}: ${problem}`;
  }
  return null;
}

function durableProblem(state: unknown, nodes: number): Problem {
  if (typeof state !== 'object' || state === null) return 'not an object';
  const { hardState, log } = state as Fields;
  const h = hardState as Fields | null;
  if (typeof h !== 'object' || h === null || !isCount(h.term)) return 'the term is malformed';
  if (h.votedFor !== null && !(isCount(h.votedFor) && h.votedFor < nodes))
    return 'the vote is malformed';
  if (!Array.isArray(log)) return 'the log is not a list';
  for (let i = 0; i < log.length; i++) {
    const e = log[i] as Fields | null;
    if (
      typeof e !== 'object' ||
      e === null ||
      e.index !== i + 1 ||
      !isCount(e.term) ||
      !('command' in e)
    )
      return `log entry ${i + 1} is malformed`;
  }
  return null;
}

function interventionsProblem(list: unknown, nodes: number, start: number): Problem {
  if (!Array.isArray(list)) return 'not a list';
  if (list.length > INTERVENTIONS_MAX) return `more than ${INTERVENTIONS_MAX}`;
  for (const [n, rec] of (list as Fields[]).entries()) {
    const a = typeof rec === 'object' && rec !== null ? (rec.action as Fields | null) : null;
    if (
      a === null ||
      typeof a !== 'object' ||
      typeof a.type !== 'string' ||
      !isTime(rec.at) ||
      (rec.at as number) < start ||
      (rec.pops !== undefined && !isCount(rec.pops))
    )
      return `intervention ${n + 1} is malformed`;
    if (a.type === 'kv' && (typeof a.command !== 'object' || a.command === null))
      return `intervention ${n + 1} has no command`;
    const clients = a.type === 'kv' ? [String(a.client)] : [];
    const problem = interventionProblem(a as never, nodes, clients);
    if (problem !== null) return `intervention ${n + 1}: ${problem}`;
  }
  return null;
}

const OPS = new Set(['get', 'set', 'cas', 'append', 'del']);
const OUTCOMES = new Set(['ok', 'fail', 'unknown']);
const CLIENT_ID = /^c[1-9]\d{0,5}$/;

function storyProblem(story: unknown): Problem {
  if (typeof story !== 'object' || story === null) return 'missing';
  const s = story as Fields;
  if (!isCount(s.callsDropped)) return 'the count of calls let go is malformed';
  if (
    !Array.isArray(s.clients) ||
    !s.clients.every((c) => typeof c === 'string' && CLIENT_ID.test(c))
  )
    return 'the client ids are malformed';
  if (s.clients.length > CLIENTS_MAX) return `more than ${CLIENTS_MAX} clients`;
  if (s.verdict !== null && verdictNoteProblem(s.verdict) !== null)
    return 'the verdict is malformed';
  if (!Array.isArray(s.events)) return 'the events are not a list';
  if (s.events.length > STORY_EVENTS_MAX) return `more than ${STORY_EVENTS_MAX} events`;
  let chars = 0;
  for (const [n, e] of (s.events as unknown[]).entries()) {
    if (!isStoryEvent(e)) return `event ${n + 1} is malformed`;
    chars += charsOf(e);
  }
  if (chars > STORY_CHARS_MAX) return `more than ${STORY_CHARS_MAX} characters`;
  return null;
}

function isStoryEvent(e: unknown): e is StoryEvent {
  if (typeof e !== 'object' || e === null) return false;
  const f = e as Fields;
  if (!isTime(f.t) || typeof f.client !== 'string') return false;
  if (f.kind === 'refused')
    return (
      typeof f.text === 'string' &&
      f.text.length <= REFUSED_TEXT_CHARS_MAX &&
      typeof f.error === 'string'
    );
  if (!OPS.has(f.op as string) || typeof f.key !== 'string') return false;
  if (f.kind === 'client-call')
    return (
      optional(f.value, 'string') &&
      (f.expected === undefined || f.expected === null || typeof f.expected === 'string')
    );
  if (f.kind !== 'client-return') return false;
  const r = f.result as Fields | undefined;
  return (
    isTime(f.call) &&
    isCount(f.attempts) &&
    OUTCOMES.has(f.outcome as string) &&
    optional(f.error, 'string') &&
    (r === undefined ||
      (typeof r === 'object' &&
        r !== null &&
        optional(r.value, 'string') &&
        optional(r.prev, 'string') &&
        optional(r.found, 'boolean') &&
        optional(r.prevFound, 'boolean') &&
        optional(r.swapped, 'boolean')))
  );
}

function verdictNoteProblem(note: unknown): Problem {
  if (typeof note !== 'object' || note === null) return 'not an object';
  const n = note as Fields;
  if (!isCount(n.checkedOps) || typeof n.checkedSignature !== 'string') return 'malformed';
  const v = n.verdict as Fields | null;
  if (typeof v !== 'object' || v === null) return 'malformed';
  if (v.status === 'unchecked' || v.status === 'checking' || v.status === 'ok') return null;
  if (v.status === 'unknown') return typeof v.message === 'string' ? null : 'malformed';
  if (v.status !== 'illegal') return 'malformed';
  const ok =
    typeof v.message === 'string' &&
    typeof v.key === 'string' &&
    Array.isArray(v.unorderable) &&
    v.unorderable.length <= STORY_EVENTS_MAX &&
    v.unorderable.every(isCount);
  return ok ? null : 'malformed';
}

function isTime(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x >= 0;
}

function isCount(x: unknown): x is number {
  return Number.isInteger(x) && (x as number) >= 0;
}

function optional(x: unknown, type: 'string' | 'boolean'): boolean {
  return x === undefined || typeof x === type;
}
