/**
 * Rebuilds the KV history and the console's rows from client call and return trace
 * events, as they arrive frame by frame, and from a run's story (restored after a reload,
 * or replayed from a shared link): the same rows either way. Pure: state in, state out.
 */
import { PAGE_CONSOLE_ENTRIES_MAX, PAGE_HISTORY_OPS_MAX } from '../defaults';
import type { HistoryOp } from '../kv/history';
import type { ClientReply, KvCommand } from '../kv/types';
import type { RunStory, StoryEvent } from '../runtime/run-story';
import type { TraceEvent } from '../sim/trace';
import { nodeName } from '../util/node-name';
import { formatCommandLine } from './console/command-line';
import { opCommand } from './history/op-text';
import type { ConsoleEntry, HistoryState } from './store/types';

export interface ClientFeedState {
  readonly history: HistoryState;
  readonly console: readonly ConsoleEntry[];
}

type Call = Extract<TraceEvent, { kind: 'client-call' }>;
type Return = Extract<TraceEvent, { kind: 'client-return' }>;

export function applyClientEvents(
  state: ClientFeedState,
  events: readonly TraceEvent[],
): ClientFeedState {
  let ops: HistoryOp[] | null = null;
  let entries: ConsoleEntry[] | null = null;
  for (const e of events) {
    if (e.kind === 'client-call') {
      ops ??= state.history.ops.slice();
      entries ??= state.console.slice();
      const op = openOp(e);
      ops.push(op);
      openConsole(entries, e, op);
    } else if (e.kind === 'send' && e.type === 'ClientRequest' && typeof e.from === 'string') {
      entries ??= state.console.slice();
      addTry(entries, e.from, e.to as number, e.deliverAt === null ? 'lost on the way' : null);
    } else if (e.kind === 'send' && e.type === 'ClientReply' && typeof e.to === 'string') {
      entries ??= state.console.slice();
      answerTry(entries, e.to, e.from as number, replyText(e.message));
    } else if (e.kind === 'client-return') {
      ops ??= state.history.ops.slice();
      closeOp(ops, e);
      entries ??= state.console.slice();
      settleConsole(entries, e);
    }
  }
  if (ops === null && entries === null) return state;
  const excess = ops === null ? 0 : Math.max(0, ops.length - PAGE_HISTORY_OPS_MAX);
  const history =
    ops === null
      ? state.history
      : {
          ...state.history,
          ops: excess > 0 ? ops.slice(excess) : ops,
          dropped: state.history.dropped + excess,
        };
  const console =
    entries === null || entries.length <= PAGE_CONSOLE_ENTRIES_MAX
      ? (entries ?? state.console)
      : entries.slice(-PAGE_CONSOLE_ENTRIES_MAX);
  return { history, console };
}

/**
 * The history and console rows a story tells, with its verdict: `empty` is the history
 * of a page that has seen nothing yet.
 */
export function storyState(story: RunStory, empty: HistoryState): ClientFeedState {
  const verdict = story.verdict ?? {
    verdict: empty.verdict,
    checkedOps: empty.checkedOps,
    checkedSignature: empty.checkedSignature,
  };
  let state: ClientFeedState = {
    history: {
      ...empty,
      dropped: story.callsDropped,
      // A check under way when the page went away never finished.
      verdict: verdict.verdict.status === 'checking' ? { status: 'unchecked' } : verdict.verdict,
      checkedOps: verdict.checkedOps,
      checkedSignature: verdict.checkedSignature,
    },
    console: [],
  };
  // Trace events a run at a time: applyClientEvents copies the lists once per call.
  let run: StoryEvent[] = [];
  const flush = () => {
    if (run.length > 0) state = applyClientEvents(state, run as TraceEvent[]);
    run = [];
  };
  for (const e of story.events) {
    if (e.kind !== 'refused') run.push(e);
    else {
      flush();
      state = { ...state, console: addConsoleEntry(state.console, refusedRow(state.console, e)) };
    }
  }
  flush();
  return state;
}

/** A console line refused before it was sent. */
export function refusedRow(
  entries: readonly ConsoleEntry[],
  line: { client: string; text: string; error: string },
): ConsoleEntry {
  const { client, text, error } = line;
  return { id: nextRowId(entries), client, text, status: 'refused', error };
}

/** A line sent from the console, shown at once; its client-call event fills in the rest. */
export function sentRow(
  entries: readonly ConsoleEntry[],
  client: string,
  text: string,
): ConsoleEntry {
  return { id: nextRowId(entries), client, text, status: 'pending' };
}

export function addConsoleEntry(
  entries: readonly ConsoleEntry[],
  entry: ConsoleEntry,
): ConsoleEntry[] {
  const next = [...entries, entry];
  return next.length > PAGE_CONSOLE_ENTRIES_MAX ? next.slice(-PAGE_CONSOLE_ENTRIES_MAX) : next;
}

/**
 * Rows the page showed before the story came (typed while the cluster started) stay, after
 * the story's; the story's are renumbered so no two rows share an id.
 */
export function withEarlyRows(
  restored: readonly ConsoleEntry[],
  early: readonly ConsoleEntry[],
): readonly ConsoleEntry[] {
  if (early.length === 0) return restored;
  const offset = early.reduce((max, c) => Math.max(max, c.id), 0);
  const rows = [...restored.map((c) => ({ ...c, id: c.id + offset })), ...early];
  return rows.slice(-PAGE_CONSOLE_ENTRIES_MAX);
}

function nextRowId(entries: readonly ConsoleEntry[]): number {
  let max = 0;
  for (const c of entries) if (c.id > max) max = c.id;
  return max + 1;
}

/** How a console row reads a command: SET x 1, values in full (the row cuts long cells). */
export function commandLine(command: KvCommand): string {
  return formatCommandLine(command);
}

function openOp(e: Call): HistoryOp {
  const op: HistoryOp = {
    client: e.client,
    op: e.op,
    key: e.key,
    call: e.t,
    ret: null,
    outcome: 'unknown',
  };
  if (e.value !== undefined) op.value = e.value;
  if (e.expected !== undefined) op.expected = e.expected;
  return op;
}

/**
 * The client began a call: the console line sent for it (the client's oldest not yet
 * begun) learns when; a call nobody typed here (a replay, the test API) gets a row.
 */
function openConsole(entries: ConsoleEntry[], e: Call, op: HistoryOp): void {
  const text = commandLine(opCommand(op));
  const i = entries.findIndex(
    (c) => c.client === e.client && c.status === 'pending' && c.call === undefined,
  );
  if (i !== -1 && entries[i]!.text === text) entries[i] = { ...entries[i]!, call: e.t };
  else entries.push({ ...sentRow(entries, e.client, text), call: e.t });
}

function closeOp(ops: HistoryOp[], e: Return): void {
  for (let i = ops.length - 1; i >= 0; i--) {
    const op = ops[i]!;
    if (
      op.client === e.client &&
      op.ret === null &&
      op.outcome === 'unknown' &&
      op.call === e.call
    ) {
      const closed: HistoryOp = {
        ...op,
        outcome: e.outcome,
        ret: e.outcome === 'unknown' ? null : e.t,
      };
      if (e.result !== undefined && e.outcome === 'ok') closed.result = e.result;
      ops[i] = closed;
      return;
    }
  }
}

/** The row of the call that returned (or, if its call event was missed, the client's oldest waiting one). */
/** The row of the call a client is making now: its newest pending, begun one. */
function currentRow(entries: readonly ConsoleEntry[], client: string): number {
  for (let i = entries.length - 1; i >= 0; i--) {
    const c = entries[i]!;
    if (c.client === client && c.status === 'pending' && c.call !== undefined) return i;
  }
  return -1;
}

function addTry(entries: ConsoleEntry[], client: string, to: number, answer: string | null) {
  const i = currentRow(entries, client);
  if (i === -1) return;
  const row = entries[i]!;
  entries[i] = { ...row, tries: [...(row.tries ?? []), { to, answer }] };
}

function answerTry(entries: ConsoleEntry[], client: string, from: number, answer: string) {
  const i = currentRow(entries, client);
  if (i === -1) return;
  const tries = (entries[i]!.tries ?? []).slice();
  for (let k = tries.length - 1; k >= 0; k--) {
    if (tries[k]!.to === from && tries[k]!.answer === null) {
      tries[k] = { to: from, answer };
      entries[i] = { ...entries[i]!, tries };
      return;
    }
  }
}

/** A node's answer to a client, in a few words. */
function replyText(message: unknown): string {
  const m = message as Partial<ClientReply> | null;
  if (m?.status === 'registered') return 'registered the session';
  if (m?.status === 'notLeader')
    return m.leaderHint == null
      ? 'not leader, no leader known'
      : `not leader, try ${nodeName(m.leaderHint)}`;
  if (m?.status === 'done') {
    if (m.response?.ok === false) return `refused: ${m.response.error}`;
    if (m.servedBy === 'readIndex') return 'done, read by ReadIndex';
    if (m.servedBy === 'lease') return 'done, read on its lease';
    return 'done';
  }
  return 'answered';
}

function settleConsole(entries: ConsoleEntry[], e: Return): void {
  const waiting = (c: ConsoleEntry) => c.client === e.client && c.status === 'pending';
  let i = entries.findIndex((c) => waiting(c) && c.call === e.call);
  if (i === -1) i = entries.findIndex(waiting);
  if (i === -1) return;
  entries[i] = {
    ...entries[i]!,
    status: e.outcome,
    latency: Math.round((e.t - e.call) * 1000) / 1000,
    // 0 when nobody knows (a call still waiting when the page went away).
    ...(e.attempts > 0 ? { attempts: e.attempts } : {}),
    ...(e.result === undefined ? {} : { result: e.result }),
    ...(e.error === undefined ? {} : { error: e.error }),
    ...(e.servedBy === undefined ? {} : { servedBy: e.servedBy }),
  };
}
